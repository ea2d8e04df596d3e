/* hd-channel-wizard.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "hd-bluesky-provider.h"
#include "hd-channel-connect.h"
#include "hd-facebook-connect.h"
#include "hd-instagram-connect.h"
#include "hd-linkedin-connect.h"
#include "hd-secrets.h"
#include "hd-x-connect.h"
#include "hd-mastodon-connect.h"
#include "channels/hd-channel-wizard-private.h"
#include "widgets/hd-popovers.h"

struct _HdChannelWizard
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *back_button;
  GtkStack          *steps;
  GtkListBox        *platform_list;
  AdwEntryRow       *instance_row;
  GtkLabel          *mastodon_error;
  AdwStatusPage     *browser_status;
  GtkWidget         *waiting_box;
  GtkWidget         *failed_box;
  GtkSpinner        *browser_spinner;
  GtkLabel          *browser_error;
  GtkLabel          *paste_uri_label;
  AdwEntryRow       *code_row;
  GtkLabel          *paste_error;
  GtkSpinner        *paste_spinner;
  AdwEntryRow       *server_row;
  AdwEntryRow       *identifier_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel          *bluesky_error;
  GtkSpinner        *bluesky_spinner;
  AdwStatusPage     *done_status;
  AdwAvatar         *done_avatar;
  GtkLabel          *done_label;
  GtkLabel          *app_title;
  GtkLabel          *app_help;
  AdwComboRow       *flow_row;
  AdwEntryRow       *client_id_row;
  AdwPasswordEntryRow *client_secret_row;
  AdwEntryRow       *port_row;
  GtkLabel          *redirect_label;
  GtkLabel          *app_error;
  AdwStatusPage     *app_browser_status;
  GtkSpinner        *app_spinner;
  GtkLabel          *choose_title;
  GtkListBox        *choose_list;
  GtkLabel          *choose_error;
  GtkSpinner        *choose_spinner;

  /* owned references */
  HdStore           *store;
  HdHttp            *http;
  HdChannel         *reconnecting;
  HdChannel         *channel;
  HdMastodonConnect *mastodon;
  GCancellable      *cancellable;
  char              *paste_uri;
  HdChannelKind      app_kind;
  GObject           *app_connect;
  /* HdChannel, HdLinkedInAccount or HdXAccount, as the sign-in listed them */
  GPtrArray         *choices;
  /* GtkCheckButton, one per choice, unowned */
  GPtrArray         *checks;
  GPtrArray         *saving;
  char              *endpoints[4][3];

  HdOAuthOpenUriFunc open_uri;
  gpointer           open_uri_data;
  guint              timeout_ms;
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (HdChannelWizard, hd_channel_wizard, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  HdChannelKind  kind;
  const char    *step;
  const char    *description;
} Platform;

static const Platform platforms[] = {
  { HD_CHANNEL_KIND_MASTODON, "mastodon", N_("Any server, such as mastodon.social") },
  { HD_CHANNEL_KIND_BLUESKY, "bluesky", N_("bsky.social or your own server") },
  { HD_CHANNEL_KIND_FACEBOOK_PAGE, "facebook",
    N_("Pages you manage, through a Meta app of your own") },
  { HD_CHANNEL_KIND_INSTAGRAM, "instagram", N_("Professional accounts linked to a Facebook Page") },
  { HD_CHANNEL_KIND_LINKEDIN, "linkedin", N_("Your profile and the Pages you administer") },
  { HD_CHANNEL_KIND_X, "x", N_("Through an X app of your own, billed per call") },
};

/* An answer can arrive after the window closed; there is nobody left to tell. */
static gboolean
is_closed (HdChannelWizard *self)
{
  return self->steps == NULL;
}

static void
set_busy (HdChannelWizard *self,
          gboolean         busy)
{
  self->busy = busy;

  gtk_spinner_set_spinning (self->paste_spinner, busy);
  gtk_spinner_set_spinning (self->bluesky_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.connect-bluesky", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.redeem", !busy);
  /* Read-only rather than insensitive: the focus stays where the user typed. */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->identifier_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->code_row), !busy);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
go_to (HdChannelWizard *self,
       const char      *step)
{
  gtk_stack_set_visible_child_name (self->steps, step);
}

static void
on_step_changed (HdChannelWizard *self)
{
  const char *step = hd_channel_wizard_get_step (self);
  gboolean back;

  /* Going back from the platform's first step only makes sense when the platform was
   * chosen here; a reconnection starts there. */
  back = (g_strcmp0 (step, "mastodon") == 0 || g_strcmp0 (step, "bluesky") == 0
          || g_strcmp0 (step, "app") == 0)
         ? self->reconnecting == NULL
         : g_strcmp0 (step, "mastodon-paste") == 0 || g_strcmp0 (step, "app-choose") == 0;
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", back);

  if (g_strcmp0 (step, "mastodon") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->instance_row));
  else if (g_strcmp0 (step, "bluesky") == 0)
    gtk_widget_grab_focus (*gtk_editable_get_text (GTK_EDITABLE (self->identifier_row)) == '\0'
                           ? GTK_WIDGET (self->identifier_row)
                           : GTK_WIDGET (self->password_row));
  else if (g_strcmp0 (step, "mastodon-paste") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
  else if (g_strcmp0 (step, "app") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_id_row));
}

static void
restart_cancellable (HdChannelWizard *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
finish (HdChannelWizard *self,
        HdChannel       *channel)
{
  g_autofree char *text = NULL;
  const char *handle = hd_channel_get_handle (channel);

  g_set_object (&self->channel, channel);

  adw_avatar_set_text (self->done_avatar, hd_channel_get_display_name (channel));
  adw_avatar_set_icon_name (self->done_avatar,
                            hd_channel_kind_icon_name (hd_channel_get_kind (channel)));
  /* TRANSLATORS: the account's name, its handle and the platform */
  text = g_strdup_printf (_("%s (%s) on %s is ready. Posts you schedule for it go out from "
                            "Herald."),
                          hd_channel_get_display_name (channel),
                          handle != NULL ? handle : "",
                          hd_channel_kind_to_label (hd_channel_get_kind (channel)));
  gtk_label_set_label (self->done_label, text);
  adw_status_page_set_title (self->done_status, self->reconnecting != NULL
                                                ? _("Reconnected") : _("Connected"));
  go_to (self, "done");

  g_signal_emit (self, signals[CONNECTED], 0, channel);
}

/* Mastodon */

static void
open_uri_with_gtk (const char *uri,
                   gpointer    user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), uri, GDK_CURRENT_TIME);
}

static void
open_uri (const char *uri,
          gpointer    user_data)
{
  HdChannelWizard *self = user_data;

  if (self->open_uri != NULL)
    self->open_uri (uri, self->open_uri_data);
  else
    open_uri_with_gtk (uri, self);
}

static void
on_instance_changed (HdChannelWizard *self)
{
  show_error (self->mastodon_error, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->instance_row), "error");
}

static void
authorized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GError) error = NULL;

  channel = hd_mastodon_connect_authorize_finish (HD_MASTODON_CONNECT (object), result, &error);
  if (is_closed (self) || HD_MASTODON_CONNECT (object) != self->mastodon)
    return;

  gtk_spinner_set_spinning (self->browser_spinner, FALSE);
  self->busy = FALSE;

  if (channel != NULL)
    {
      finish (self, channel);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      go_to (self, "mastodon");
      return;
    }

  gtk_label_set_label (self->browser_error, error->message);
  gtk_widget_set_visible (self->waiting_box, FALSE);
  gtk_widget_set_visible (self->failed_box, TRUE);
  adw_status_page_set_description (self->browser_status, NULL);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->instance_row));
  g_autoptr(HdMastodonConnect) mastodon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  if (*typed == '\0')
    {
      show_error (self->mastodon_error, _("Type the address of your Mastodon server."));
      gtk_widget_add_css_class (GTK_WIDGET (self->instance_row), "error");
      go_to (self, "mastodon");
      return;
    }

  mastodon = hd_mastodon_connect_new (self->http, self->store, typed, &error);
  if (mastodon == NULL)
    {
      show_error (self->mastodon_error, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->instance_row), "error");
      go_to (self, "mastodon");
      return;
    }

  restart_cancellable (self);
  g_set_object (&self->mastodon, mastodon);
  hd_mastodon_connect_set_reconnecting (mastodon, self->reconnecting);
  if (self->timeout_ms > 0)
    hd_oauth_client_set_timeout (hd_mastodon_connect_get_oauth_client (mastodon),
                                 self->timeout_ms);

  escaped = g_markup_escape_text (hd_mastodon_connect_get_instance_url (mastodon), -1);
  /* TRANSLATORS: %s is the server's address */
  description = g_strdup_printf (_("Sign in on %s in the browser page that opened, and allow "
                                   "Herald to post. This window carries on by itself."),
                                 escaped);
  adw_status_page_set_description (self->browser_status, description);
  gtk_widget_set_visible (self->waiting_box, TRUE);
  gtk_widget_set_visible (self->failed_box, FALSE);
  gtk_spinner_set_spinning (self->browser_spinner, TRUE);
  self->busy = TRUE;
  go_to (self, "mastodon-browser");

  hd_mastodon_connect_authorize_async (mastodon, open_uri, self, self->cancellable,
                                       authorized_cb, g_object_ref (self));
}

static void
on_instance_activated (HdChannelWizard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.sign-in", NULL);
}

static void
cancel_sign_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);

  restart_cancellable (self);
  gtk_spinner_set_spinning (self->browser_spinner, FALSE);
  self->busy = FALSE;
  go_to (self, "mastodon");
}

static void
paste_begun_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  uri = hd_mastodon_connect_begin_paste_finish (HD_MASTODON_CONNECT (object), result, &error);
  if (is_closed (self) || HD_MASTODON_CONNECT (object) != self->mastodon ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (uri == NULL)
    {
      show_error (self->paste_error, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.redeem", FALSE);
      return;
    }

  g_free (self->paste_uri);
  self->paste_uri = g_steal_pointer (&uri);
  gtk_label_set_label (self->paste_uri_label, self->paste_uri);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.open-sign-in-page", TRUE);
  open_uri (self->paste_uri, self);
}

static void
paste_code_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);

  if (self->mastodon == NULL)
    return;

  /* The loopback listener of the failed attempt must not answer any more. */
  restart_cancellable (self);
  g_clear_pointer (&self->paste_uri, g_free);
  gtk_label_set_label (self->paste_uri_label, "");
  show_error (self->paste_error, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.open-sign-in-page", FALSE);
  set_busy (self, TRUE);
  go_to (self, "mastodon-paste");

  hd_mastodon_connect_begin_paste_async (self->mastodon, self->cancellable, paste_begun_cb,
                                         g_object_ref (self));
}

static void
open_sign_in_page_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);

  if (self->paste_uri != NULL)
    open_uri (self->paste_uri, self);
}

static void
redeemed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GError) error = NULL;

  channel = hd_mastodon_connect_redeem_finish (HD_MASTODON_CONNECT (object), result, &error);
  if (is_closed (self) || HD_MASTODON_CONNECT (object) != self->mastodon ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (channel == NULL)
    {
      show_error (self->paste_error, error->message);
      return;
    }

  finish (self, channel);
}

static void
redeem_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));

  if (self->mastodon == NULL || self->busy)
    return;

  if (*code == '\0')
    {
      show_error (self->paste_error, _("Paste the code your server shows after you allow "
                                       "Herald."));
      return;
    }

  show_error (self->paste_error, NULL);
  set_busy (self, TRUE);
  hd_mastodon_connect_redeem_async (self->mastodon, code, self->cancellable, redeemed_cb,
                                    g_object_ref (self));
}

static void
on_code_activated (HdChannelWizard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.redeem", NULL);
}

/* Bluesky */

static void
bluesky_connected_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GError) error = NULL;

  channel = hd_bluesky_connect_finish (result, &error);
  if (is_closed (self) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (channel == NULL)
    {
      /* What was typed stays, so a mistyped password is one field to fix. */
      show_error (self->bluesky_error, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  finish (self, channel);
}

static void
connect_bluesky_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autofree char *identifier = g_strstrip (g_strdup (gtk_editable_get_text (
                                  GTK_EDITABLE (self->identifier_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *pds_url = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  pds_url = hd_bluesky_normalize_pds_url (*server != '\0' ? server : "bsky.social", &error);
  if (pds_url == NULL)
    {
      show_error (self->bluesky_error, error->message);
      return;
    }
  if (*identifier == '\0')
    {
      show_error (self->bluesky_error, _("Type your Bluesky handle, such as "
                                         "name.bsky.social, or the email you sign in with."));
      return;
    }
  if (*password == '\0')
    {
      show_error (self->bluesky_error, _("Type an app password. You can create one in Bluesky "
                                         "under Settings → Privacy and security → App "
                                         "passwords."));
      return;
    }

  show_error (self->bluesky_error, NULL);
  restart_cancellable (self);
  set_busy (self, TRUE);
  hd_bluesky_connect_async (self->http, self->store, pds_url, identifier, password,
                            self->reconnecting, self->cancellable, bluesky_connected_cb,
                            g_object_ref (self));
}

static void
on_password_activated (HdChannelWizard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.connect-bluesky", NULL);
}

/* Facebook, Instagram, LinkedIn and X: the user's own developer app */

enum {
  ENDPOINT_AUTHORIZATION,
  ENDPOINT_TOKEN,
  ENDPOINT_API,
  N_ENDPOINTS
};

static int
app_index (HdChannelKind kind)
{
  switch (kind)
    {
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      return 0;
    case HD_CHANNEL_KIND_INSTAGRAM:
      return 1;
    case HD_CHANNEL_KIND_LINKEDIN:
      return 2;
    case HD_CHANNEL_KIND_X:
      return 3;
    case HD_CHANNEL_KIND_MASTODON:
    case HD_CHANNEL_KIND_BLUESKY:
    default:
      return -1;
    }
}

static const char *
endpoint (HdChannelWizard *self,
          guint            which)
{
  int index = app_index (self->app_kind);

  return index >= 0 ? self->endpoints[index][which] : NULL;
}

static gboolean
app_uses_secret (HdChannelWizard *self)
{
  switch (self->app_kind)
    {
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
    case HD_CHANNEL_KIND_INSTAGRAM:
      return TRUE;
    case HD_CHANNEL_KIND_LINKEDIN:
      return adw_combo_row_get_selected (self->flow_row) == 0;
    case HD_CHANNEL_KIND_X:
    case HD_CHANNEL_KIND_MASTODON:
    case HD_CHANNEL_KIND_BLUESKY:
    default:
      return FALSE;
    }
}

static void
set_app_busy (HdChannelWizard *self,
              gboolean         busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->app_spinner, busy);
  gtk_spinner_set_spinning (self->choose_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.app-sign-in", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.app-connect", !busy);
}

/* X, and LinkedIn with a client secret, send the browser back to an address registered
 * with the user's app ahead of time, port and all; LinkedIn's native flow takes any port. */
static gboolean
app_uses_fixed_port (HdChannelWizard *self)
{
  return self->app_kind == HD_CHANNEL_KIND_X
         || (self->app_kind == HD_CHANNEL_KIND_LINKEDIN && app_uses_secret (self));
}

/* The port typed, or 0 when it is not a port. */
static guint
typed_port (HdChannelWizard *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->port_row));
  guint64 port = 0;

  if (!g_ascii_string_to_unsigned (typed, 10, 1, G_MAXUINT16, &port, NULL))
    return 0;

  return (guint) port;
}

static void
update_redirect_label (HdChannelWizard *self)
{
  guint port = typed_port (self);
  g_autofree char *uri = port > 0 ? hd_loopback_redirect_uri (port) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->redirect_label), app_uses_fixed_port (self));
  if (uri != NULL)
    /* TRANSLATORS: %s is an address such as http://127.0.0.1:8765/callback */
    text = g_strdup_printf (_("Register %s with your app, exactly as written; change the port "
                              "if another program uses it."), uri);
  else
    text = g_strdup (_("Type a port between 1 and 65535; the address to register with your "
                       "app ends with it."));
  gtk_label_set_label (self->redirect_label, text);
}

static void
on_app_changed (HdChannelWizard *self)
{
  show_error (self->app_error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), app_uses_secret (self));
  gtk_widget_set_visible (GTK_WIDGET (self->port_row), app_uses_fixed_port (self));
  update_redirect_label (self);
}

static void
on_app_activated (HdChannelWizard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.app-sign-in", NULL);
}

static void
client_id_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autofree char *client_id = hd_secrets_lookup_finish (result, NULL);

  if (is_closed (self) || client_id == NULL)
    return;

  /* Whatever the user typed meanwhile wins. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->client_id_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id);
}

static void
start_app (HdChannelWizard *self,
           HdChannelKind    kind)
{
  const char *help = NULL;
  const char *title = NULL;

  self->app_kind = kind;
  switch (kind)
    {
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      title = _("Your Meta app for Facebook Pages");
      help = hd_facebook_connect_get_setup_help ();
      break;
    case HD_CHANNEL_KIND_INSTAGRAM:
      title = _("Your Meta app for Instagram");
      help = hd_instagram_connect_get_setup_help ();
      break;
    case HD_CHANNEL_KIND_LINKEDIN:
      title = _("Your LinkedIn app");
      help = hd_linkedin_connect_get_setup_help ();
      break;
    case HD_CHANNEL_KIND_X:
      title = _("Your X app");
      help = hd_x_connect_get_setup_help ();
      break;
    case HD_CHANNEL_KIND_MASTODON:
    case HD_CHANNEL_KIND_BLUESKY:
    default:
      g_return_if_reached ();
    }

  gtk_label_set_label (self->app_title, title);
  gtk_label_set_label (self->app_help, help);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_id_row),
                                 kind == HD_CHANNEL_KIND_X || kind == HD_CHANNEL_KIND_LINKEDIN
                                 ? _("Client ID") : _("App ID"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_secret_row),
                                 kind == HD_CHANNEL_KIND_LINKEDIN
                                 ? _("Client secret") : _("App secret"));
  gtk_widget_set_visible (GTK_WIDGET (self->flow_row), kind == HD_CHANNEL_KIND_LINKEDIN);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->port_row)) == '\0')
    {
      g_autofree char *port = g_strdup_printf ("%u", kind == HD_CHANNEL_KIND_LINKEDIN
                                                     ? HD_LINKEDIN_DEFAULT_REDIRECT_PORT
                                                     : HD_X_DEFAULT_REDIRECT_PORT);

      gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
    }
  on_app_changed (self);
  go_to (self, "app");
}

static void
open_app_uri (const char *uri,
              gpointer    user_data)
{
  open_uri (uri, user_data);
}

static void
add_choice (HdChannelWizard *self,
            const char      *name,
            const char      *subtitle,
            HdChannelKind    kind,
            gboolean         chosen)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *avatar = adw_avatar_new (32, name, TRUE);

  /* Page names are the user's own text, ampersands and all. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_avatar_set_icon_name (ADW_AVATAR (avatar), hd_channel_kind_icon_name (kind));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), avatar);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->choose_list, row);
  g_ptr_array_add (self->checks, check);
}

static gboolean
is_reconnected (HdChannelWizard *self,
                const char      *remote_id)
{
  return self->reconnecting != NULL && remote_id != NULL
         && g_strcmp0 (hd_channel_get_remote_account_id (self->reconnecting), remote_id) == 0;
}

static void
show_choices (HdChannelWizard *self)
{
  GtkWidget *child;
  gboolean only_one = self->choices->len == 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choose_list))) != NULL)
    gtk_list_box_remove (self->choose_list, child);
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; i < self->choices->len; i++)
    {
      gpointer choice = g_ptr_array_index (self->choices, i);

      if (self->app_kind == HD_CHANNEL_KIND_LINKEDIN)
        {
          HdLinkedInAccount *account = choice;
          const char *id = strrchr (account->urn, ':');

          add_choice (self, account->name,
                      account->is_organization ? _("Page you administer") : _("Your profile"),
                      self->app_kind,
                      only_one || is_reconnected (self, id != NULL ? id + 1 : NULL)
                      || is_reconnected (self, account->urn));
        }
      else if (self->app_kind == HD_CHANNEL_KIND_X)
        {
          HdXAccount *account = choice;
          g_autofree char *handle = g_strconcat ("@", account->username, NULL);

          add_choice (self, account->name != NULL ? account->name : handle, handle,
                      self->app_kind, TRUE);
        }
      else
        {
          HdChannel *channel = choice;

          add_choice (self, hd_channel_get_display_name (channel), hd_channel_get_handle (channel),
                      self->app_kind,
                      only_one
                      || is_reconnected (self, hd_channel_get_remote_account_id (channel)));
        }
    }

  gtk_label_set_label (self->choose_title,
                       self->app_kind == HD_CHANNEL_KIND_FACEBOOK_PAGE
                       ? _("Choose the Pages to connect")
                       : self->app_kind == HD_CHANNEL_KIND_INSTAGRAM
                       ? _("Choose the Instagram accounts to connect")
                       : self->app_kind == HD_CHANNEL_KIND_LINKEDIN
                       ? _("Choose who Herald posts as")
                       : _("Connect this X account"));
  show_error (self->choose_error, NULL);
  go_to (self, "app-choose");
}

static void
app_authorized_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GError) error = NULL;

  if (HD_IS_FACEBOOK_CONNECT (object) || HD_IS_INSTAGRAM_CONNECT (object))
    {
      g_autoptr(GListModel) model = HD_IS_FACEBOOK_CONNECT (object)
        ? hd_facebook_connect_authorize_finish (HD_FACEBOOK_CONNECT (object), result, &error)
        : hd_instagram_connect_authorize_finish (HD_INSTAGRAM_CONNECT (object), result, &error);

      if (model != NULL)
        {
          choices = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint i = 0; i < g_list_model_get_n_items (model); i++)
            g_ptr_array_add (choices, g_list_model_get_item (model, i));
        }
    }
  else if (HD_IS_LINKEDIN_CONNECT (object))
    choices = hd_linkedin_connect_authorize_finish (HD_LINKEDIN_CONNECT (object), result, &error);
  else
    choices = hd_x_connect_authorize_finish (HD_X_CONNECT (object), result, &error);

  if (is_closed (self) || object != self->app_connect
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_app_busy (self, FALSE);
  if (choices == NULL)
    {
      /* Back where the app's details were typed, all of them kept, so one wrong field is one
       * field to fix. */
      go_to (self, "app");
      show_error (self->app_error, error->message);
      return;
    }

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = g_steal_pointer (&choices);
  show_choices (self);
}

static void
app_sign_in_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);
  g_autofree char *client_id = NULL;
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row));
  const char *authorization = endpoint (self, ENDPOINT_AUTHORIZATION);
  const char *token = endpoint (self, ENDPOINT_TOKEN);
  const char *api = endpoint (self, ENDPOINT_API);
  HdChannel *reconnecting = self->reconnecting != NULL
                            && hd_channel_get_kind (self->reconnecting) == self->app_kind
                            ? self->reconnecting : NULL;
  HdOAuthClient *oauth = NULL;
  g_autoptr(GObject) connect = NULL;

  if (self->busy || app_index (self->app_kind) < 0)
    return;

  client_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_id_row))));

  switch (self->app_kind)
    {
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      {
        HdFacebookConnect *facebook = hd_facebook_connect_new (self->store, self->http);

        connect = G_OBJECT (facebook);
        hd_facebook_connect_set_client_id (facebook, client_id);
        hd_facebook_connect_set_client_secret (facebook, secret);
        if (api != NULL)
          hd_facebook_connect_set_graph_base (facebook, api);
        if (authorization != NULL)
          hd_facebook_connect_set_authorization_endpoint (facebook, authorization);
        if (token != NULL)
          hd_facebook_connect_set_token_endpoint (facebook, token);
        hd_facebook_connect_set_open_uri_func (facebook, open_app_uri, self, NULL);
        if (reconnecting != NULL)
          hd_facebook_connect_set_reconnecting (facebook, reconnecting);
        oauth = hd_facebook_connect_get_oauth_client (facebook);
      }
      break;

    case HD_CHANNEL_KIND_INSTAGRAM:
      {
        HdInstagramConnect *instagram = hd_instagram_connect_new (self->store, self->http);

        connect = G_OBJECT (instagram);
        hd_instagram_connect_set_client_id (instagram, client_id);
        hd_instagram_connect_set_client_secret (instagram, secret);
        if (api != NULL)
          hd_instagram_connect_set_graph_base (instagram, api);
        if (authorization != NULL)
          hd_instagram_connect_set_authorization_endpoint (instagram, authorization);
        if (token != NULL)
          hd_instagram_connect_set_token_endpoint (instagram, token);
        hd_instagram_connect_set_open_uri_func (instagram, open_app_uri, self, NULL);
        if (reconnecting != NULL)
          hd_instagram_connect_set_reconnecting (instagram, reconnecting);
        oauth = hd_instagram_connect_get_oauth_client (instagram);
      }
      break;

    case HD_CHANNEL_KIND_LINKEDIN:
      {
        HdLinkedInConnect *linkedin = hd_linkedin_connect_new (self->store, self->http);

        connect = G_OBJECT (linkedin);
        hd_linkedin_connect_set_client_id (linkedin, client_id);
        hd_linkedin_connect_set_flow (linkedin, app_uses_secret (self)
                                                ? HD_LINKEDIN_FLOW_CLIENT_SECRET
                                                : HD_LINKEDIN_FLOW_NATIVE_PKCE);
        if (app_uses_secret (self))
          {
            if (typed_port (self) == 0)
              {
                show_error (self->app_error, _("Type the port of the redirect URL you "
                                               "registered with your LinkedIn app, such as "
                                               "8765."));
                return;
              }
            hd_linkedin_connect_set_client_secret (linkedin, secret);
            hd_linkedin_connect_set_redirect_port (linkedin, typed_port (self));
          }
        hd_linkedin_connect_set_include_organizations (linkedin, TRUE);
        if (api != NULL)
          hd_linkedin_connect_set_api_base (linkedin, api);
        if (authorization != NULL)
          hd_linkedin_connect_set_authorization_endpoint (linkedin, authorization);
        if (token != NULL)
          hd_linkedin_connect_set_token_endpoint (linkedin, token);
        hd_linkedin_connect_set_open_uri_func (linkedin, open_app_uri, self, NULL);
        if (reconnecting != NULL)
          hd_linkedin_connect_set_reconnecting (linkedin, reconnecting);
        oauth = hd_linkedin_connect_get_oauth_client (linkedin);
      }
      break;

    case HD_CHANNEL_KIND_X:
      {
        HdXConnect *x = hd_x_connect_new (self->store, self->http);
        guint port = typed_port (self);

        if (port == 0)
          {
            g_object_unref (x);
            show_error (self->app_error, _("Type the port of the callback address you "
                                           "registered with your X app, such as 8765."));
            return;
          }
        connect = G_OBJECT (x);
        hd_x_connect_set_client_id (x, client_id);
        hd_x_connect_set_redirect_ports (x, &port, 1);
        if (api != NULL)
          hd_x_connect_set_api_base (x, api);
        if (authorization != NULL)
          hd_x_connect_set_authorization_endpoint (x, authorization);
        if (token != NULL)
          hd_x_connect_set_token_endpoint (x, token);
        hd_x_connect_set_open_uri_func (x, open_app_uri, self, NULL);
        if (reconnecting != NULL)
          hd_x_connect_set_reconnecting (x, reconnecting);
        oauth = hd_x_connect_get_oauth_client (x);
      }
      break;

    case HD_CHANNEL_KIND_MASTODON:
    case HD_CHANNEL_KIND_BLUESKY:
    default:
      g_return_if_reached ();
    }

  if (self->timeout_ms > 0 && oauth != NULL)
    hd_oauth_client_set_timeout (oauth, self->timeout_ms);

  show_error (self->app_error, NULL);
  restart_cancellable (self);
  g_set_object (&self->app_connect, connect);
  adw_status_page_set_description (self->app_browser_status,
                                   _("Sign in in the browser page that opened, and allow Herald "
                                     "to post. This window carries on by itself."));
  set_app_busy (self, TRUE);
  go_to (self, "app-browser");

  if (HD_IS_FACEBOOK_CONNECT (connect))
    hd_facebook_connect_authorize_async (HD_FACEBOOK_CONNECT (connect), self->cancellable,
                                         app_authorized_cb, g_object_ref (self));
  else if (HD_IS_INSTAGRAM_CONNECT (connect))
    hd_instagram_connect_authorize_async (HD_INSTAGRAM_CONNECT (connect), self->cancellable,
                                          app_authorized_cb, g_object_ref (self));
  else if (HD_IS_LINKEDIN_CONNECT (connect))
    hd_linkedin_connect_authorize_async (HD_LINKEDIN_CONNECT (connect), self->cancellable,
                                         app_authorized_cb, g_object_ref (self));
  else
    hd_x_connect_authorize_async (HD_X_CONNECT (connect), self->cancellable, app_authorized_cb,
                                  g_object_ref (self));
}

static void
app_cancel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);

  restart_cancellable (self);
  set_app_busy (self, FALSE);
  go_to (self, "app");
}

static void
app_saved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HdChannelWizard) self = user_data;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GError) error = NULL;

  if (HD_IS_FACEBOOK_CONNECT (object) || HD_IS_INSTAGRAM_CONNECT (object))
    {
      gboolean ok = HD_IS_FACEBOOK_CONNECT (object)
        ? hd_facebook_connect_save_finish (HD_FACEBOOK_CONNECT (object), result, &error)
        : hd_instagram_connect_save_finish (HD_INSTAGRAM_CONNECT (object), result, &error);

      if (ok)
        saved = g_ptr_array_ref (self->saving);
    }
  else if (HD_IS_LINKEDIN_CONNECT (object))
    saved = hd_linkedin_connect_save_finish (HD_LINKEDIN_CONNECT (object), result, &error);
  else
    saved = hd_x_connect_save_finish (HD_X_CONNECT (object), result, &error);

  if (is_closed (self) || object != self->app_connect
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_app_busy (self, FALSE);
  if (saved == NULL || saved->len == 0)
    {
      show_error (self->choose_error, error != NULL ? error->message : NULL);
      return;
    }

  /* Each saved channel is news to whoever listens; the done step names the first. */
  for (guint i = 1; i < saved->len; i++)
    g_signal_emit (self, signals[CONNECTED], 0, g_ptr_array_index (saved, i));
  finish (self, g_ptr_array_index (saved, 0));
  if (saved->len > 1)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("%u channel is ready. Posts you schedule for it go out "
                                        "from Herald.",
                                        "%u channels are ready. Posts you schedule for them go "
                                        "out from Herald.", saved->len),
                              saved->len);
      gtk_label_set_label (self->done_label, text);
    }
}

static void
app_connect_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  if (self->busy || self->app_connect == NULL || self->choices == NULL)
    return;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (chosen, g_ptr_array_index (self->choices, i));

  if (chosen->len == 0)
    {
      show_error (self->choose_error, _("Tick at least one to connect."));
      return;
    }

  show_error (self->choose_error, NULL);
  set_app_busy (self, TRUE);

  if (HD_IS_FACEBOOK_CONNECT (self->app_connect) || HD_IS_INSTAGRAM_CONNECT (self->app_connect))
    {
      g_ptr_array_set_free_func (chosen, g_object_unref);
      for (guint i = 0; i < chosen->len; i++)
        g_object_ref (g_ptr_array_index (chosen, i));
      g_clear_pointer (&self->saving, g_ptr_array_unref);
      self->saving = g_ptr_array_ref (chosen);
      if (HD_IS_FACEBOOK_CONNECT (self->app_connect))
        hd_facebook_connect_save_async (HD_FACEBOOK_CONNECT (self->app_connect), chosen,
                                        self->cancellable, app_saved_cb, g_object_ref (self));
      else
        hd_instagram_connect_save_async (HD_INSTAGRAM_CONNECT (self->app_connect), chosen,
                                         self->cancellable, app_saved_cb, g_object_ref (self));
    }
  else if (HD_IS_LINKEDIN_CONNECT (self->app_connect))
    hd_linkedin_connect_save_async (HD_LINKEDIN_CONNECT (self->app_connect),
                                    (HdLinkedInAccount * const *) chosen->pdata, chosen->len,
                                    self->cancellable, app_saved_cb, g_object_ref (self));
  else
    hd_x_connect_save_async (HD_X_CONNECT (self->app_connect),
                             (HdXAccount * const *) chosen->pdata, chosen->len,
                             self->cancellable, app_saved_cb, g_object_ref (self));
}

/* Navigation */

static void
on_platform_activated (HdChannelWizard *self,
                       GtkListBoxRow   *row)
{
  const char *step = g_object_get_data (G_OBJECT (row), "hd-step");

  if (step != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "wizard.choose", "s", step);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *platform = g_variant_get_string (parameter, NULL);

  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);

  if (g_strcmp0 (platform, "mastodon") == 0 || g_strcmp0 (platform, "bluesky") == 0)
    go_to (self, platform);
  else if (g_strcmp0 (platform, "facebook") == 0)
    start_app (self, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  else if (g_strcmp0 (platform, "instagram") == 0)
    start_app (self, HD_CHANNEL_KIND_INSTAGRAM);
  else if (g_strcmp0 (platform, "linkedin") == 0)
    start_app (self, HD_CHANNEL_KIND_LINKEDIN);
  else if (g_strcmp0 (platform, "x") == 0)
    start_app (self, HD_CHANNEL_KIND_X);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (widget);
  const char *step = hd_channel_wizard_get_step (self);

  restart_cancellable (self);
  set_busy (self, FALSE);
  set_app_busy (self, FALSE);

  if (g_strcmp0 (step, "mastodon-paste") == 0)
    go_to (self, "mastodon");
  else if (g_strcmp0 (step, "app-choose") == 0)
    go_to (self, "app");
  else if (self->reconnecting == NULL)
    go_to (self, "platform");
}

static void
build_platforms (HdChannelWizard *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      const Platform *platform = &platforms[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (hd_channel_kind_icon_name (platform->kind));
      GtkWidget *suffix;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     hd_channel_kind_to_label (platform->kind));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      if (platform->step != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(platform->description));
          suffix = gtk_image_new_from_icon_name ("go-next-symbolic");
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data (G_OBJECT (row), "hd-step", (gpointer) platform->step);
        }
      else
        {
          /* Listed so nobody wonders whether they were forgotten, but honest about it. */
          suffix = gtk_label_new (_("Coming soon"));
          gtk_widget_add_css_class (suffix, "dim-label");
          gtk_widget_add_css_class (suffix, "hd-platform-soon");
          gtk_widget_set_sensitive (row, FALSE);
        }
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      gtk_list_box_append (self->platform_list, row);
    }
}

/* Public API */

HdChannelWizard *
hd_channel_wizard_new (GtkWindow *parent,
                       HdStore   *store,
                       HdHttp    *http)
{
  HdChannelWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_CHANNEL_WIZARD,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);

  return self;
}

void
hd_channel_wizard_set_open_uri_func (HdChannelWizard    *self,
                                     HdOAuthOpenUriFunc  func,
                                     gpointer            user_data)
{
  g_return_if_fail (HD_IS_CHANNEL_WIZARD (self));

  self->open_uri = func;
  self->open_uri_data = user_data;
}

void
hd_channel_wizard_set_reconnecting (HdChannelWizard *self,
                                    HdChannel       *channel)
{
  g_autofree char *title = NULL;

  g_return_if_fail (HD_IS_CHANNEL_WIZARD (self));
  g_return_if_fail (HD_IS_CHANNEL (channel));

  g_set_object (&self->reconnecting, channel);

  /* TRANSLATORS: %s is the account's name */
  title = g_strdup_printf (_("Reconnect %s"), hd_channel_get_display_name (channel));
  adw_window_title_set_title (self->window_title, _("Reconnect"));
  adw_window_title_set_subtitle (self->window_title, hd_channel_get_display_name (channel));
  gtk_window_set_title (GTK_WINDOW (self), title);

  switch (hd_channel_get_kind (channel))
    {
    case HD_CHANNEL_KIND_MASTODON:
      if (hd_channel_get_base_url (channel) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->instance_row),
                               hd_channel_get_base_url (channel));
      go_to (self, "mastodon");
      break;

    case HD_CHANNEL_KIND_BLUESKY:
      if (hd_channel_get_base_url (channel) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->server_row), hd_channel_get_base_url (channel));
      if (hd_channel_get_handle (channel) != NULL)
        {
          const char *handle = hd_channel_get_handle (channel);

          gtk_editable_set_text (GTK_EDITABLE (self->identifier_row),
                                 handle[0] == '@' ? handle + 1 : handle);
        }
      go_to (self, "bluesky");
      break;

    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
    case HD_CHANNEL_KIND_INSTAGRAM:
    case HD_CHANNEL_KIND_LINKEDIN:
    case HD_CHANNEL_KIND_X:
      start_app (self, hd_channel_get_kind (channel));
      hd_secrets_lookup_async (hd_channel_get_id (channel), HD_SECRET_KIND_CLIENT_ID,
                               self->cancellable, client_id_found_cb, g_object_ref (self));
      break;

    default:
      break;
    }

  on_step_changed (self);
}

void
hd_channel_wizard_set_timeout (HdChannelWizard *self,
                               guint            timeout_ms)
{
  g_return_if_fail (HD_IS_CHANNEL_WIZARD (self));

  self->timeout_ms = timeout_ms;
}

const char *
hd_channel_wizard_get_step (HdChannelWizard *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->steps);
}

HdChannel *
hd_channel_wizard_get_channel (HdChannelWizard *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);

  return self->channel;
}

const char *
hd_channel_wizard_get_error (HdChannelWizard *self)
{
  const char *step;
  GtkLabel *label = NULL;

  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);

  step = hd_channel_wizard_get_step (self);
  if (g_strcmp0 (step, "mastodon") == 0)
    label = self->mastodon_error;
  else if (g_strcmp0 (step, "mastodon-paste") == 0)
    label = self->paste_error;
  else if (g_strcmp0 (step, "bluesky") == 0)
    label = self->bluesky_error;
  else if (g_strcmp0 (step, "app") == 0)
    label = self->app_error;
  else if (g_strcmp0 (step, "app-choose") == 0)
    label = self->choose_error;
  else if (g_strcmp0 (step, "mastodon-browser") == 0 && gtk_widget_get_visible (self->failed_box))
    label = self->browser_error;

  if (label == NULL || !gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;

  return gtk_label_get_label (label);
}

gboolean
hd_channel_wizard_get_busy (HdChannelWizard *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), FALSE);

  return self->busy;
}

const char *
_hd_channel_wizard_get_redirect_hint (HdChannelWizard *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->redirect_label)))
    return NULL;

  return gtk_label_get_label (self->redirect_label);
}

GtkEditable *
_hd_channel_wizard_get_entry (HdChannelWizard *self,
                              const char      *name)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);

  if (g_strcmp0 (name, "instance") == 0)
    return GTK_EDITABLE (self->instance_row);
  if (g_strcmp0 (name, "code") == 0)
    return GTK_EDITABLE (self->code_row);
  if (g_strcmp0 (name, "server") == 0)
    return GTK_EDITABLE (self->server_row);
  if (g_strcmp0 (name, "identifier") == 0)
    return GTK_EDITABLE (self->identifier_row);
  if (g_strcmp0 (name, "password") == 0)
    return GTK_EDITABLE (self->password_row);
  if (g_strcmp0 (name, "client-id") == 0)
    return GTK_EDITABLE (self->client_id_row);
  if (g_strcmp0 (name, "client-secret") == 0)
    return GTK_EDITABLE (self->client_secret_row);
  if (g_strcmp0 (name, "port") == 0)
    return GTK_EDITABLE (self->port_row);

  g_return_val_if_reached (NULL);
}

guint
_hd_channel_wizard_get_n_choices (HdChannelWizard *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), 0);

  return self->checks->len;
}

GtkCheckButton *
_hd_channel_wizard_get_choice (HdChannelWizard *self,
                               guint            index,
                               const char     **name)
{
  GtkWidget *row;

  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);
  g_return_val_if_fail (index < self->checks->len, NULL);

  row = gtk_widget_get_ancestor (g_ptr_array_index (self->checks, index), ADW_TYPE_ACTION_ROW);
  if (name != NULL)
    *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  return g_ptr_array_index (self->checks, index);
}

void
_hd_channel_wizard_set_endpoints (HdChannelWizard *self,
                                  HdChannelKind    kind,
                                  const char      *authorization,
                                  const char      *token,
                                  const char      *api_base)
{
  int index = app_index (kind);

  g_return_if_fail (HD_IS_CHANNEL_WIZARD (self));
  g_return_if_fail (index >= 0);

  g_free (self->endpoints[index][ENDPOINT_AUTHORIZATION]);
  self->endpoints[index][ENDPOINT_AUTHORIZATION] = g_strdup (authorization);
  g_free (self->endpoints[index][ENDPOINT_TOKEN]);
  self->endpoints[index][ENDPOINT_TOKEN] = g_strdup (token);
  g_free (self->endpoints[index][ENDPOINT_API]);
  self->endpoints[index][ENDPOINT_API] = g_strdup (api_base);
}

const char *
_hd_channel_wizard_get_paste_uri (HdChannelWizard *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_WIZARD (self), NULL);

  return self->paste_uri;
}

static void
hd_channel_wizard_dispose (GObject *object)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (object);

  g_cancellable_cancel (self->cancellable);
  /* A focused entry torn down with its window never hears that it lost the focus. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_CHANNEL_WIZARD);

  G_OBJECT_CLASS (hd_channel_wizard_parent_class)->dispose (object);
}

static void
hd_channel_wizard_finalize (GObject *object)
{
  HdChannelWizard *self = HD_CHANNEL_WIZARD (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->reconnecting);
  g_clear_object (&self->channel);
  g_clear_object (&self->mastodon);
  g_clear_object (&self->cancellable);
  g_free (self->paste_uri);
  g_clear_object (&self->app_connect);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->saving, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->endpoints); i++)
    for (guint j = 0; j < N_ENDPOINTS; j++)
      g_free (self->endpoints[i][j]);

  G_OBJECT_CLASS (hd_channel_wizard_parent_class)->finalize (object);
}

static void
hd_channel_wizard_class_init (HdChannelWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_channel_wizard_dispose;
  object_class->finalize = hd_channel_wizard_finalize;

  /**
   * HdChannelWizard::connected:
   * @channel: the channel, saved with its secrets in the keyring
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, HD_TYPE_CHANNEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/channels/hd-channel-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, steps);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, platform_list);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, instance_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, mastodon_error);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, browser_status);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, failed_box);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, browser_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, browser_error);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, paste_uri_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, code_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, paste_error);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, paste_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, server_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, identifier_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, password_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, bluesky_error);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, bluesky_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, done_status);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, done_avatar);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, done_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, app_title);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, app_help);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, flow_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, port_row);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, redirect_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, app_error);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, app_browser_status);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, app_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, choose_title);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, choose_list);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, choose_error);
  gtk_widget_class_bind_template_child (widget_class, HdChannelWizard, choose_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_step_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_app_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_app_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_platform_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_instance_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_instance_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);

  gtk_widget_class_install_action (widget_class, "wizard.choose", "s", choose_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel-sign-in", NULL,
                                   cancel_sign_in_action);
  gtk_widget_class_install_action (widget_class, "wizard.paste-code", NULL, paste_code_action);
  gtk_widget_class_install_action (widget_class, "wizard.open-sign-in-page", NULL,
                                   open_sign_in_page_action);
  gtk_widget_class_install_action (widget_class, "wizard.redeem", NULL, redeem_action);
  gtk_widget_class_install_action (widget_class, "wizard.connect-bluesky", NULL,
                                   connect_bluesky_action);

  gtk_widget_class_install_action (widget_class, "wizard.app-sign-in", NULL, app_sign_in_action);
  gtk_widget_class_install_action (widget_class, "wizard.app-cancel", NULL, app_cancel_action);
  gtk_widget_class_install_action (widget_class, "wizard.app-connect", NULL, app_connect_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_channel_wizard_init (HdChannelWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  self->cancellable = g_cancellable_new ();
  self->checks = g_ptr_array_new ();
  build_platforms (self);
  on_step_changed (self);
}
