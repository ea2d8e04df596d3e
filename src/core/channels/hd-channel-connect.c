/* hd-channel-connect.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-bluesky-provider.h"
#include "hd-channel-connect.h"
#include "hd-facebook-provider.h"
#include "hd-instagram-provider.h"
#include "hd-linkedin-provider.h"
#include "hd-mastodon-provider.h"
#include "hd-x-provider.h"

static gboolean
same_url (const char *a,
          const char *b)
{
  gsize length_a;
  gsize length_b;

  if (a == NULL || b == NULL)
    return FALSE;

  length_a = strlen (a);
  length_b = strlen (b);
  while (length_a > 0 && a[length_a - 1] == '/')
    length_a--;
  while (length_b > 0 && b[length_b - 1] == '/')
    length_b--;

  return length_a == length_b && g_ascii_strncasecmp (a, b, length_a) == 0;
}

/**
 * hd_channel_find_account:
 *
 * Returns: (transfer full) (nullable): the channel already connected to this account on
 *   this server, if any
 */
HdChannel *
hd_channel_find_account (HdStore       *store,
                         HdChannelKind  kind,
                         const char    *base_url,
                         const char    *remote_account_id)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  if (remote_account_id == NULL)
    return NULL;

  channels = hd_store_list_channels (store, &error);
  if (channels == NULL)
    {
      g_warning ("Could not list channels: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_kind (channel) == kind
          && g_strcmp0 (hd_channel_get_remote_account_id (channel), remote_account_id) == 0
          && same_url (hd_channel_get_base_url (channel), base_url))
        return g_steal_pointer (&channel);
    }

  return NULL;
}

/**
 * hd_channel_prepare_connect:
 * @reconnecting: (nullable): the channel the user chose to reconnect
 *
 * Picks the channel a finished sign-in belongs to: the one being reconnected, the one
 * already connected to the same account (so its posts stay with it), or a new one. Nothing
 * is saved yet.
 *
 * Returns: (transfer full): the channel, or %NULL when the sign-in is another account than
 *   the channel being reconnected
 */
HdChannel *
hd_channel_prepare_connect (HdStore        *store,
                            HdChannel      *reconnecting,
                            HdChannelKind   kind,
                            const char     *base_url,
                            const char     *remote_account_id,
                            GError        **error)
{
  HdChannel *channel;

  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (reconnecting == NULL || HD_IS_CHANNEL (reconnecting), NULL);

  if (reconnecting != NULL)
    {
      const char *known = hd_channel_get_remote_account_id (reconnecting);

      if (known != NULL && g_strcmp0 (known, remote_account_id) != 0)
        {
          g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                       _("You signed in to a different account than the one of “%s”, so "
                         "nothing changed. Sign in as that account, or add the other account "
                         "as a new channel."), hd_channel_get_display_name (reconnecting));
          return NULL;
        }

      channel = g_object_ref (reconnecting);
    }
  else if (store == NULL
           || (channel = hd_channel_find_account (store, kind, base_url,
                                                  remote_account_id)) == NULL)
    {
      channel = hd_channel_new ();
      hd_channel_set_kind (channel, kind);
    }

  hd_channel_set_base_url (channel, base_url);
  hd_channel_set_remote_account_id (channel, remote_account_id);

  return channel;
}

typedef struct
{
  HdStore   *store;
  HdChannel *channel;
  GArray    *secrets;
  guint      next;
} SaveConnected;

static void
wipe_secret (HdChannelSecret *secret)
{
  char *value = (char *) secret->value;

  if (value != NULL)
    {
      memset (value, 0, strlen (value));
      g_free (value);
    }
}

static void
save_connected_free (SaveConnected *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->channel);
  g_clear_pointer (&data->secrets, g_array_unref);
  g_free (data);
}

static void store_next_secret (GTask *task);

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_secrets_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store_next_secret (g_steal_pointer (&task));
}

static void
store_next_secret (GTask *task)
{
  SaveConnected *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  HdChannelSecret *secret;

  if (data->next < data->secrets->len)
    {
      secret = &g_array_index (data->secrets, HdChannelSecret, data->next++);
      hd_secrets_store_async (hd_channel_get_id (data->channel), secret->kind, NULL,
                              secret->value, g_task_get_cancellable (task), secret_stored_cb,
                              task);
      return;
    }

  /* Only now that every secret is in the keyring does the channel say it is connected. */
  hd_channel_set_state (data->channel, HD_CHANNEL_STATE_CONNECTED);
  if (!hd_store_save_channel (data->store, data->channel, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);

  g_object_unref (task);
}

/**
 * hd_channel_save_connected_async:
 * @secrets: (array length=n_secrets): what the keyring keeps for the channel
 *
 * Stores @secrets under the channel's id, then saves @channel as connected. A secret that
 * is not among @secrets keeps its stored value: a reconnect that brings no new refresh
 * token keeps the old one.
 */
void
hd_channel_save_connected_async (HdStore               *store,
                                 HdChannel             *channel,
                                 const HdChannelSecret *secrets,
                                 guint                  n_secrets,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  GTask *task;
  SaveConnected *data;

  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (HD_IS_CHANNEL (channel));
  g_return_if_fail (secrets != NULL || n_secrets == 0);

  data = g_new0 (SaveConnected, 1);
  data->store = g_object_ref (store);
  data->channel = g_object_ref (channel);
  data->secrets = g_array_sized_new (FALSE, TRUE, sizeof (HdChannelSecret), n_secrets);
  g_array_set_clear_func (data->secrets, (GDestroyNotify) wipe_secret);

  for (guint i = 0; i < n_secrets; i++)
    {
      HdChannelSecret copy = { secrets[i].kind, g_strdup (secrets[i].value) };

      if (copy.value != NULL)
        g_array_append_val (data->secrets, copy);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_channel_save_connected_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_connected_free);

  store_next_secret (task);
}

gboolean
hd_channel_save_connected_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  HdStore *store;
  char    *channel_id;
} Remove;

static void
remove_free (Remove *data)
{
  g_clear_object (&data->store);
  g_free (data->channel_id);
  g_free (data);
}

static void
secrets_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Remove *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The row goes only when its secrets are gone: a failed keyring leaves the channel listed,
   * so the user can try removing it again instead of leaving tokens behind unseen. */
  if (!hd_secrets_clear_all_finish (result, &error)
      || !hd_store_delete_channel (data->store, data->channel_id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * hd_channel_remove_async:
 *
 * Clears every secret of the channel from the keyring, then deletes its row (and with it
 * its variants, inbox items and pending changes).
 */
void
hd_channel_remove_async (HdStore             *store,
                         const char          *channel_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  Remove *data;

  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (channel_id != NULL);

  data = g_new0 (Remove, 1);
  data->store = g_object_ref (store);
  data->channel_id = g_strdup (channel_id);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_channel_remove_async);
  g_task_set_task_data (task, data, (GDestroyNotify) remove_free);

  hd_secrets_clear_all_async (channel_id, cancellable, secrets_cleared_cb, task);
}

gboolean
hd_channel_remove_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hd_provider_new_for_channel:
 *
 * Returns: (transfer full): the provider that posts to @channel
 */
HdProvider *
hd_provider_new_for_channel (HdHttp     *http,
                             HdStore    *store,
                             HdChannel  *channel,
                             GError    **error)
{
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);

  if (hd_channel_get_base_url (channel) == NULL
      && hd_channel_get_kind (channel) <= HD_CHANNEL_KIND_BLUESKY)
    {
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                   _("“%s” was never connected. Connect the channel first."),
                   hd_channel_get_display_name (channel));
      return NULL;
    }

  switch (hd_channel_get_kind (channel))
    {
    case HD_CHANNEL_KIND_MASTODON:
      return HD_PROVIDER (hd_mastodon_provider_new (http, store, channel));
    case HD_CHANNEL_KIND_BLUESKY:
      return HD_PROVIDER (hd_bluesky_provider_new (http, store, channel));
    case HD_CHANNEL_KIND_LINKEDIN:
      return HD_PROVIDER (hd_linkedin_provider_new (http, store, channel));
    case HD_CHANNEL_KIND_X:
      return HD_PROVIDER (hd_x_provider_new (http, store, channel));
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
    case HD_CHANNEL_KIND_INSTAGRAM:
      if (hd_channel_get_base_url (channel) == NULL
          || hd_channel_get_remote_account_id (channel) == NULL)
        {
          g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                       _("“%s” was never connected. Connect the channel first."),
                       hd_channel_get_display_name (channel));
          return NULL;
        }
      if (hd_channel_get_kind (channel) == HD_CHANNEL_KIND_FACEBOOK_PAGE)
        return HD_PROVIDER (hd_facebook_provider_new (http, store, channel));
      return HD_PROVIDER (hd_instagram_provider_new (http, store, channel));
    default:
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("Herald cannot post to %s yet."),
                   hd_channel_kind_to_label (hd_channel_get_kind (channel)));
      return NULL;
    }
}

/**
 * hd_loopback_redirect_uri:
 *
 * Returns: (transfer full): `http://127.0.0.1:<port>/callback`: an IP literal, as X asks
 *   rather than localhost, and no trailing slash
 */
char *
hd_loopback_redirect_uri (guint port)
{
  g_return_val_if_fail (port > 0 && port <= G_MAXUINT16, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/callback", port);
}
