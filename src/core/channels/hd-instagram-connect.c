/* hd-instagram-connect.c
 *
 * An Instagram professional account is reached through the Facebook Page it is linked to:
 * the same Meta sign-in as for Pages (hd-facebook-connect.c), with Instagram's permissions
 * added, then GET /{page-id}?fields=instagram_business_account{id,username} per Page. The
 * channel keeps the Page token, which both publishes to Instagram and uploads the pictures
 * Instagram fetches.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-facebook-provider.h"
#include "hd-instagram-connect.h"
#include "hd-provider-private.h"

#define PLATFORM "Instagram"

struct _HdInstagramConnect
{
  GObject            parent_instance;

  HdStore           *store;
  HdHttp            *http;
  HdFacebookConnect *facebook;
  HdChannel         *reconnecting;

  char              *client_id;
  char              *client_secret;
  /* Instagram user id to the linked Page's id */
  GHashTable        *pages;
};

G_DEFINE_FINAL_TYPE (HdInstagramConnect, hd_instagram_connect, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage *message;
  GListModel  *pages;
  guint        next;
  GListStore  *accounts;
  GPtrArray   *channels;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->message);
  g_clear_object (&flow->pages);
  g_clear_object (&flow->accounts);
  g_clear_pointer (&flow->channels, g_ptr_array_unref);
  g_free (flow);
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
hd_instagram_connect_dispose (GObject *object)
{
  HdInstagramConnect *self = (HdInstagramConnect *)object;

  g_clear_object (&self->facebook);
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->reconnecting);

  G_OBJECT_CLASS (hd_instagram_connect_parent_class)->dispose (object);
}

static void
hd_instagram_connect_finalize (GObject *object)
{
  HdInstagramConnect *self = (HdInstagramConnect *)object;

  wipe (&self->client_id);
  wipe (&self->client_secret);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (hd_instagram_connect_parent_class)->finalize (object);
}

static void
hd_instagram_connect_class_init (HdInstagramConnectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_instagram_connect_dispose;
  object_class->finalize = hd_instagram_connect_finalize;
}

static void
hd_instagram_connect_init (HdInstagramConnect *self)
{
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

HdInstagramConnect *
hd_instagram_connect_new (HdStore *store,
                          HdHttp  *http)
{
  HdInstagramConnect *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_INSTAGRAM_CONNECT, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->facebook = hd_facebook_connect_new (store, http);
  hd_facebook_connect_set_scope (self->facebook, HD_INSTAGRAM_SCOPES);

  return self;
}

void
hd_instagram_connect_set_client_id (HdInstagramConnect *self,
                                    const char         *client_id)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  wipe (&self->client_id);
  self->client_id = client_id != NULL ? g_strstrip (g_strdup (client_id)) : NULL;
  hd_facebook_connect_set_client_id (self->facebook, client_id);
}

void
hd_instagram_connect_set_client_secret (HdInstagramConnect *self,
                                        const char         *client_secret)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  wipe (&self->client_secret);
  self->client_secret = client_secret != NULL ? g_strstrip (g_strdup (client_secret)) : NULL;
  hd_facebook_connect_set_client_secret (self->facebook, client_secret);
}

void
hd_instagram_connect_set_graph_base (HdInstagramConnect *self,
                                     const char         *graph_base)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  hd_facebook_connect_set_graph_base (self->facebook, graph_base);
}

void
hd_instagram_connect_set_authorization_endpoint (HdInstagramConnect *self,
                                                 const char         *uri)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  hd_facebook_connect_set_authorization_endpoint (self->facebook, uri);
}

void
hd_instagram_connect_set_token_endpoint (HdInstagramConnect *self,
                                         const char         *uri)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  hd_facebook_connect_set_token_endpoint (self->facebook, uri);
}

void
hd_instagram_connect_set_open_uri_func (HdInstagramConnect *self,
                                        HdOAuthOpenUriFunc  open_uri,
                                        gpointer            user_data,
                                        GDestroyNotify      destroy)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  hd_facebook_connect_set_open_uri_func (self->facebook, open_uri, user_data, destroy);
}

/**
 * hd_instagram_connect_set_reconnecting:
 *
 * Connects @channel again: only its account is listed, and it keeps its id, posts and queue.
 */
void
hd_instagram_connect_set_reconnecting (HdInstagramConnect *self,
                                       HdChannel          *channel)
{
  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));
  g_return_if_fail (channel == NULL || HD_IS_CHANNEL (channel));

  g_set_object (&self->reconnecting, channel);
}

HdOAuthClient *
hd_instagram_connect_get_oauth_client (HdInstagramConnect *self)
{
  g_return_val_if_fail (HD_IS_INSTAGRAM_CONNECT (self), NULL);

  return hd_facebook_connect_get_oauth_client (self->facebook);
}

/**
 * hd_instagram_connect_get_setup_help:
 *
 * Returns: one paragraph for the channel wizard
 */
const char *
hd_instagram_connect_get_setup_help (void)
{
  return _("Herald publishes to an Instagram professional account (Business or Creator) "
           "through the Facebook Page it is linked to, with a Meta app of your own. Create one "
           "of type Business at developers.facebook.com, add the Facebook Login for Business "
           "and Instagram products, and add http://127.0.0.1/callback as a valid OAuth "
           "redirect URI; Herald listens on that address while you sign in. Add the "
           "permissions instagram_basic, instagram_content_publish, pages_show_list, "
           "pages_read_engagement and pages_manage_posts. Instagram only takes pictures from a "
           "public web address, so Herald first uploads each picture to the linked Page as an "
           "unpublished, temporary photo, which nobody sees on the Page, and hands Instagram "
           "its address. Copy the App ID and the App Secret from Settings, Basic into the "
           "fields below: Herald keeps both in your keyring. Instagram cannot schedule posts "
           "itself, so Herald publishes them at their time while this computer is on.");
}

/* The Instagram account of each Page */

static void ask_next_page (GTask *task);

static void
linked_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdInstagramConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(HdChannel) page = g_list_model_get_item (flow->pages, flow->next - 1);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) limits = NULL;
  g_autofree char *limits_text = NULL;
  g_autofree char *handle = NULL;
  const char *graph_base = hd_facebook_connect_get_graph_base (self->facebook);
  JsonObject *account;
  const char *id;
  const char *username;

  node = hd_http_send_json_finish (self->http, result, &error_body, &error);
  if (node == NULL)
    {
      g_task_return_error (task, hd_graph_error_new (error,
                                                     soup_message_get_status (flow->message),
                                                     error_body, 0, PLATFORM));
      return;
    }

  account = _hd_json_object (_hd_json_root_object (node), "instagram_business_account");
  id = _hd_json_string (account, "id");
  username = _hd_json_string (account, "username");
  if (id == NULL || *id == '\0' || (self->reconnecting != NULL
                                    && g_strcmp0 (id, hd_channel_get_remote_account_id (
                                                        self->reconnecting)) != 0))
    {
      ask_next_page (g_steal_pointer (&task));
      return;
    }

  channel = hd_channel_prepare_connect (self->store, self->reconnecting,
                                        HD_CHANNEL_KIND_INSTAGRAM, graph_base, id, NULL);
  if (channel == NULL)
    {
      ask_next_page (g_steal_pointer (&task));
      return;
    }

  hd_channel_set_display_name (channel, username != NULL ? username : id);
  if (username != NULL)
    {
      handle = g_strconcat ("@", username, NULL);
      hd_channel_set_handle (channel, handle);
    }
  hd_channel_set_token_expires_at (channel, 0);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, HD_INSTAGRAM_LIMIT_PAGE_ID);
  json_builder_add_string_value (builder, hd_channel_get_remote_account_id (page));
  json_builder_end_object (builder);
  limits = json_builder_get_root (builder);
  limits_text = json_to_string (limits, FALSE);
  hd_channel_set_limits (channel, limits_text);

  g_hash_table_replace (self->pages, g_strdup (id),
                        g_strdup (hd_channel_get_remote_account_id (page)));
  g_list_store_append (flow->accounts, channel);

  ask_next_page (g_steal_pointer (&task));
}

static void
ask_next_page (GTask *task)
{
  HdInstagramConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(HdChannel) page = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;
  const char *page_id;

  if (flow->next >= g_list_model_get_n_items (flow->pages))
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (flow->accounts)) == 0)
        {
          if (self->reconnecting != NULL)
            g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                                     _("None of the Pages of this sign-in is linked to “%s”, "
                                       "so nothing changed. Sign in as an admin of its "
                                       "Page."),
                                     hd_channel_get_display_name (self->reconnecting));
          else
            g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                     _("None of your Facebook Pages is linked to an Instagram "
                                       "professional account. Link one in the Instagram app "
                                       "(Settings, Account type and tools), then connect "
                                       "again."));
        }
      else
        g_task_return_pointer (task, g_object_ref (flow->accounts), g_object_unref);

      g_object_unref (task);
      return;
    }

  page = g_list_model_get_item (flow->pages, flow->next++);
  page_id = hd_channel_get_remote_account_id (page);
  uri = g_strdup_printf ("%s/%s?fields=instagram_business_account%%7Bid,username%%7D",
                         hd_facebook_connect_get_graph_base (self->facebook), page_id);
  message = soup_message_new ("GET", uri);
  authorization = g_strconcat ("Bearer ",
                               hd_facebook_connect_get_page_token (self->facebook, page_id),
                               NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task),
                           linked_account_cb, task);
}

static void
pages_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdInstagramConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  flow->pages = hd_facebook_connect_authorize_finish (self->facebook, result, &error);
  if (flow->pages == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_remove_all (self->pages);
  flow->accounts = g_list_store_new (HD_TYPE_CHANNEL);
  ask_next_page (g_steal_pointer (&task));
}

void
hd_instagram_connect_authorize_async (HdInstagramConnect  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_instagram_connect_authorize_async);
  g_task_set_task_data (task, g_new0 (Flow, 1), (GDestroyNotify) flow_free);

  hd_facebook_connect_authorize_async (self->facebook, cancellable, pages_cb, task);
}

/**
 * hd_instagram_connect_authorize_finish:
 *
 * Returns: (transfer full): a list of HdChannel, one per linked account, not saved yet
 */
GListModel *
hd_instagram_connect_authorize_finish (HdInstagramConnect  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (HD_IS_INSTAGRAM_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving */

static void save_next (GTask *task);

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save_next (g_steal_pointer (&task));
}

static void
save_next (GTask *task)
{
  HdInstagramConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  HdChannelSecret secrets[3];
  HdChannel *channel;
  const char *page_id;
  const char *token;

  if (flow->next >= flow->channels->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  channel = g_ptr_array_index (flow->channels, flow->next++);
  page_id = g_hash_table_lookup (self->pages, hd_channel_get_remote_account_id (channel));
  token = hd_facebook_connect_get_page_token (self->facebook, page_id);
  if (token == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("“%s” was not among the accounts of this sign-in. Connect "
                                 "again."), hd_channel_get_display_name (channel));
      g_object_unref (task);
      return;
    }

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_ID, self->client_id };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_SECRET, self->client_secret };
  secrets[2] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, token };

  hd_channel_save_connected_async (self->store, channel, secrets, G_N_ELEMENTS (secrets),
                                   g_task_get_cancellable (task), saved_cb, task);
}

/**
 * hd_instagram_connect_save_async:
 * @channels: (element-type HdChannel): accounts from hd_instagram_connect_authorize_finish()
 */
void
hd_instagram_connect_save_async (HdInstagramConnect  *self,
                                 GPtrArray           *channels,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_INSTAGRAM_CONNECT (self));
  g_return_if_fail (channels != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_instagram_connect_save_async);
  flow = g_new0 (Flow, 1);
  flow->channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < channels->len; i++)
    g_ptr_array_add (flow->channels, g_object_ref (g_ptr_array_index (channels, i)));
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  save_next (task);
}

gboolean
hd_instagram_connect_save_finish (HdInstagramConnect  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (HD_IS_INSTAGRAM_CONNECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
