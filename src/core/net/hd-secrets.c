/* hd-secrets.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-net"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "hd-secrets.h"

G_DEFINE_QUARK (hd-secrets-error-quark, hd_secrets_error)

typedef enum
{
  OPERATION_STORE,
  OPERATION_LOOKUP,
  OPERATION_CLEAR,
} Operation;

static const SecretSchema channel_schema = {
  HD_SECRETS_SCHEMA_NAME,
  SECRET_SCHEMA_NONE,
  {
    { "channel-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

const char *
hd_secret_kind_to_string (HdSecretKind kind)
{
  switch (kind)
    {
    case HD_SECRET_KIND_ACCESS_TOKEN:
      return "access-token";
    case HD_SECRET_KIND_REFRESH_TOKEN:
      return "refresh-token";
    case HD_SECRET_KIND_APP_PASSWORD:
      return "app-password";
    case HD_SECRET_KIND_CLIENT_ID:
      return "client-id";
    case HD_SECRET_KIND_CLIENT_SECRET:
      return "client-secret";
    case HD_SECRET_KIND_USER_TOKEN:
      return "user-token";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Whatever went wrong inside the Secret Service, the user can only do one thing about it, so
 * every failure becomes the same actionable sentence. The original message goes to the debug
 * log: libsecret's messages name D-Bus objects, never the secrets themselves. */
static GError *
translate_error (const GError *error,
                 Operation     operation)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Secret Service failed: %s", error->message);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      switch (operation)
        {
        case OPERATION_STORE:
          return g_error_new_literal (HD_SECRETS_ERROR, HD_SECRETS_ERROR_LOCKED,
                                      _("The keyring is locked, so nothing was saved. Unlock "
                                        "it, then try again."));
        case OPERATION_LOOKUP:
          return g_error_new_literal (HD_SECRETS_ERROR, HD_SECRETS_ERROR_LOCKED,
                                      _("The keyring is locked, so Herald cannot read the "
                                        "account’s sign-in details. Unlock it, then try "
                                        "again."));
        case OPERATION_CLEAR:
        default:
          return g_error_new_literal (HD_SECRETS_ERROR, HD_SECRETS_ERROR_LOCKED,
                                      _("The keyring is locked, so the account’s sign-in "
                                        "details were not removed. Unlock it, then try "
                                        "again."));
        }
    }

  switch (operation)
    {
    case OPERATION_STORE:
      return g_error_new_literal (HD_SECRETS_ERROR, HD_SECRETS_ERROR_UNAVAILABLE,
                                  _("Herald could not reach the keyring, so nothing was saved. "
                                    "Make sure GNOME Keyring or another Secret Service is "
                                    "running, then try again."));
    case OPERATION_LOOKUP:
      return g_error_new_literal (HD_SECRETS_ERROR, HD_SECRETS_ERROR_UNAVAILABLE,
                                  _("Herald could not reach the keyring, so it cannot read the "
                                    "account’s sign-in details. Make sure GNOME Keyring or "
                                    "another Secret Service is running, then try again."));
    case OPERATION_CLEAR:
    default:
      return g_error_new_literal (HD_SECRETS_ERROR, HD_SECRETS_ERROR_UNAVAILABLE,
                                  _("Herald could not reach the keyring, so the account’s "
                                    "sign-in details were not removed. Make sure GNOME Keyring "
                                    "or another Secret Service is running, then try again."));
    }
}

typedef struct
{
  GHashTable  *attributes;
  char        *label;
  SecretValue *value;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  g_free (data->label);
  g_clear_pointer (&data->value, secret_value_unref);
  g_free (data);
}

static void
return_store_result (GTask        *task,
                     const GError *error)
{
  if (error != NULL)
    g_task_return_error (task, translate_error (error, OPERATION_STORE));
  else
    g_task_return_boolean (task, TRUE);
}

static void
create_item_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_service_store_finish (SECRET_SERVICE (object), result, &error);
  return_store_result (task, error);
}

static void
set_secret_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_item_set_secret_finish (SECRET_ITEM (object), result, &error);
  return_store_result (task, error);
}

static void
search_for_store_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SecretService *service = SECRET_SERVICE (object);
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_service_search_finish (service, result, &error);
  if (error != NULL)
    {
      return_store_result (task, error);
      return;
    }

  /* An existing item gets the new secret in place. Asking the service to create it again
   * with "replace" has gnome-keyring re-register the item and warn about it. */
  if (items != NULL)
    secret_item_set_secret (items->data, data->value, cancellable, set_secret_cb,
                            g_steal_pointer (&task));
  else
    secret_service_store (service, &channel_schema, data->attributes, SECRET_COLLECTION_DEFAULT,
                          data->label, data->value, cancellable, create_item_cb,
                          g_steal_pointer (&task));

  g_list_free_full (items, g_object_unref);
}

static void
service_for_store_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      return_store_result (task, error);
      return;
    }

  secret_service_search (service, &channel_schema, data->attributes,
                         SECRET_SEARCH_UNLOCK, cancellable, search_for_store_cb,
                         g_steal_pointer (&task));
}

/**
 * hd_secrets_store_async:
 * @channel_id: the channel the secret belongs to
 * @kind: what the secret is
 * @label: (nullable): what the keyring shows the user, or %NULL for a generic label
 * @secret: the secret; it replaces any earlier one of the same kind for the channel
 *
 * Saves @secret in the default collection of the Secret Service, and nowhere else: without a
 * keyring the operation fails and nothing is written.
 */
void
hd_secrets_store_async (const char          *channel_id,
                        HdSecretKind         kind,
                        const char          *label,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data;
  const char *kind_name;

  g_return_if_fail (channel_id != NULL && *channel_id != '\0');
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  kind_name = hd_secret_kind_to_string (kind);
  g_return_if_fail (kind_name != NULL);

  data = g_new0 (StoreData, 1);
  data->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (data->attributes, (gpointer) "channel-id", g_strdup (channel_id));
  g_hash_table_insert (data->attributes, (gpointer) "kind", g_strdup (kind_name));
  data->value = secret_value_new (secret, -1, "text/plain");

  if (label != NULL)
    data->label = g_strdup (label);
  else
    /* Translators: the first %s is a channel id, the second what is kept (access-token…) */
    data->label = g_strdup_printf (_("Herald channel %s (%s)"), channel_id, kind_name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_secrets_store_async);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, service_for_store_cb,
                      g_steal_pointer (&task));
}

gboolean
hd_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_secrets_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error, OPERATION_LOOKUP));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) hd_secrets_free);
}

void
hd_secrets_lookup_async (const char          *channel_id,
                         HdSecretKind         kind,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *kind_name;

  g_return_if_fail (channel_id != NULL && *channel_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  kind_name = hd_secret_kind_to_string (kind);
  g_return_if_fail (kind_name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_secrets_lookup_async);

  secret_password_lookup (&channel_schema, cancellable, lookup_cb, g_steal_pointer (&task),
                          "channel-id", channel_id,
                          "kind", kind_name,
                          NULL);
}

/**
 * hd_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, to be freed with hd_secrets_free(), or
 *   %NULL without an error when the channel has none of that kind
 */
char *
hd_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_secrets_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error, OPERATION_CLEAR));
  else
    g_task_return_boolean (task, TRUE);
}

void
hd_secrets_clear_async (const char          *channel_id,
                        HdSecretKind         kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *kind_name;

  g_return_if_fail (channel_id != NULL && *channel_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  kind_name = hd_secret_kind_to_string (kind);
  g_return_if_fail (kind_name != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_secrets_clear_async);

  secret_password_clear (&channel_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         "channel-id", channel_id,
                         "kind", kind_name,
                         NULL);
}

gboolean
hd_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_secrets_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Removing a channel must leave nothing of it behind, including kinds a later version of
 * Herald may add, so this matches on the channel alone. */
void
hd_secrets_clear_all_async (const char          *channel_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (channel_id != NULL && *channel_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_secrets_clear_all_async);

  secret_password_clear (&channel_schema, cancellable, clear_cb, g_steal_pointer (&task),
                         "channel-id", channel_id,
                         NULL);
}

gboolean
hd_secrets_clear_all_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_secrets_clear_all_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Wipes the memory before freeing it, so a token does not linger in a freed heap block. */
void
hd_secrets_free (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}
