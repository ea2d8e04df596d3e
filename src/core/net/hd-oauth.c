/* hd-oauth.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-net"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "hd-oauth.h"
#include "hd-secrets.h"

/* 32 random bytes: 256 bits for state, and the 43-character verifier RFC 7636 §4.1 asks
 * for. */
#define RANDOM_BYTES 32

#define DEFAULT_CALLBACK_PATH "/callback"

G_DEFINE_QUARK (hd-oauth-error-quark, hd_oauth_error)

G_DEFINE_BOXED_TYPE (HdOAuthTokens, hd_oauth_tokens, hd_oauth_tokens_copy, hd_oauth_tokens_free)

struct _HdOAuthClient
{
  GObject            parent_instance;

  /* owned references */
  HdHttp            *http;
  SoupServer        *server;
  GTask             *flow;

  /* configuration */
  char              *client_id;
  char              *client_secret;
  HdOAuthClientAuth  client_auth;
  char              *authorization_endpoint;
  char              *token_endpoint;
  char              *issuer;
  char              *scope;
  GPtrArray         *parameters;
  HdOAuthPkce        pkce;
  char              *callback_path;
  guint              timeout_ms;
  HdClockFunc        clock;
  gpointer           clock_data;

  /* what discovery learnt */
  gboolean           discovered;
  gboolean           server_supports_s256;
  gboolean           server_sends_iss;

  /* the authorization in progress */
  char              *state;
  char              *verifier;
  char              *redirect_uri;
  gboolean           flow_uses_pkce;

  /* source ids */
  guint              timeout_id;
  GSource           *cancel_source;
};

G_DEFINE_FINAL_TYPE (HdOAuthClient, hd_oauth_client, G_TYPE_OBJECT)

typedef struct
{
  char *name;
  char *value;
} Parameter;

static void
parameter_free (Parameter *parameter)
{
  g_free (parameter->name);
  g_free (parameter->value);
  g_free (parameter);
}

/* Tokens */

HdOAuthTokens *
hd_oauth_tokens_copy (const HdOAuthTokens *tokens)
{
  HdOAuthTokens *copy;

  g_return_val_if_fail (tokens != NULL, NULL);

  copy = g_new0 (HdOAuthTokens, 1);
  copy->access_token = g_strdup (tokens->access_token);
  copy->token_type = g_strdup (tokens->token_type);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->scope = g_strdup (tokens->scope);
  copy->expires_in = tokens->expires_in;
  copy->expires_at = tokens->expires_at;

  return copy;
}

static void
wipe_string (char **string)
{
  if (*string != NULL)
    {
      memset (*string, 0, strlen (*string));
      g_clear_pointer (string, g_free);
    }
}

void
hd_oauth_tokens_free (HdOAuthTokens *tokens)
{
  if (tokens == NULL)
    return;

  wipe_string (&tokens->access_token);
  wipe_string (&tokens->refresh_token);
  g_free (tokens->token_type);
  g_free (tokens->scope);
  g_free (tokens);
}

static GError *
malformed_answer_error (void)
{
  return g_error_new_literal (HD_OAUTH_ERROR, HD_OAUTH_ERROR_MALFORMED_RESPONSE,
                              _("The server’s answer to the sign-in could not be read, so the "
                                "account was not connected. Try connecting again later."));
}

static gboolean
read_optional_string (JsonObject  *object,
                      const char  *name,
                      char       **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  if (*json_node_get_string (node) != '\0')
    *out = json_node_dup_string (node);

  return TRUE;
}

/* expires_in is a number in RFC 6749, but some servers send it as a string. */
static gboolean
read_expires_in (JsonObject *object,
                 gint64     *out)
{
  JsonNode *node = json_object_get_member (object, "expires_in");
  const char *text;
  char *end = NULL;
  double value;

  *out = -1;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      return *out >= 0;

    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      if (!(value >= 0 && value < (double) G_MAXINT32))
        return FALSE;
      *out = (gint64) value;
      return TRUE;

    case G_TYPE_STRING:
      text = json_node_get_string (node);
      if (!g_ascii_isdigit (*text))
        return FALSE;
      errno = 0;
      *out = g_ascii_strtoll (text, &end, 10);
      return errno == 0 && *end == '\0';

    default:
      return FALSE;
    }
}

static GError *
token_error_from_body (JsonNode   *body,
                       const char *host)
{
  JsonObject *object;
  const char *code = NULL;
  const char *description = NULL;
  JsonNode *member;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;

  object = json_node_get_object (body);
  member = json_object_get_member (object, "error");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  code = json_node_get_string (member);
  member = json_object_get_member (object, "error_description");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_STRING)
    description = json_node_get_string (member);

  if (g_strcmp0 (code, "invalid_grant") == 0)
    return g_error_new (HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_GRANT,
                        _("%s no longer accepts this sign-in: it has expired or was already "
                          "used. Connect the account again."), host);

  if (g_strcmp0 (code, "invalid_client") == 0 || g_strcmp0 (code, "unauthorized_client") == 0)
    return g_error_new (HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CLIENT,
                        _("%s did not accept Herald’s app credentials. Check the client id "
                          "and secret in the channel’s settings, then connect again."), host);

  return g_error_new (HD_OAUTH_ERROR, HD_OAUTH_ERROR_TOKEN_FAILED,
                      _("%s refused to give Herald access: %s"), host,
                      description != NULL ? description : code);
}

/**
 * hd_oauth_tokens_parse:
 * @node: a token endpoint's answer (RFC 6749 §5.1)
 * @now: the current time in Unix seconds, to turn expires_in into an instant
 *
 * Returns: (transfer full): the tokens, or %NULL when @node is not a usable token answer
 */
HdOAuthTokens *
hd_oauth_tokens_parse (JsonNode  *node,
                       gint64     now,
                       GError   **error)
{
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autofree char *token_type = NULL;
  JsonObject *object;
  GError *answer_error;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, malformed_answer_error ());
      return NULL;
    }

  object = json_node_get_object (node);

  /* Some servers send an error with status 200. */
  if (!json_object_has_member (object, "access_token")
      && (answer_error = token_error_from_body (node, _("The server"))) != NULL)
    {
      g_propagate_error (error, answer_error);
      return NULL;
    }

  tokens = g_new0 (HdOAuthTokens, 1);

  if (!read_optional_string (object, "access_token", &tokens->access_token)
      || tokens->access_token == NULL
      || !read_optional_string (object, "token_type", &token_type)
      || !read_optional_string (object, "refresh_token", &tokens->refresh_token)
      || !read_optional_string (object, "scope", &tokens->scope)
      || !read_expires_in (object, &tokens->expires_in))
    {
      g_propagate_error (error, malformed_answer_error ());
      return NULL;
    }

  /* LinkedIn leaves token_type out; everyone who sends it sends Bearer in some case. */
  if (token_type != NULL && g_ascii_strcasecmp (token_type, "bearer") != 0)
    {
      g_set_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_UNSUPPORTED_TOKEN,
                   _("The server gave Herald a kind of access token it cannot use (“%s”), so "
                     "the account was not connected."), token_type);
      return NULL;
    }

  tokens->token_type = g_strdup ("Bearer");
  tokens->expires_at = tokens->expires_in > 0 ? now + tokens->expires_in : 0;

  return g_steal_pointer (&tokens);
}

typedef struct
{
  char *channel_id;
  char *refresh_token;
} StoreTokens;

static void
store_tokens_free (StoreTokens *data)
{
  g_free (data->channel_id);
  wipe_string (&data->refresh_token);
  g_free (data);
}

static void
store_refresh_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_secrets_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
store_access_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreTokens *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_secrets_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->refresh_token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  hd_secrets_store_async (data->channel_id, HD_SECRET_KIND_REFRESH_TOKEN, NULL,
                          data->refresh_token, g_task_get_cancellable (task), store_refresh_cb,
                          g_object_ref (task));
}

/**
 * hd_oauth_tokens_store_async:
 *
 * Saves the access token and, when there is one, the refresh token of @channel_id in the
 * keyring. Without a new refresh token the stored one stays, as a server that does not
 * rotate them expects.
 */
void
hd_oauth_tokens_store_async (const HdOAuthTokens *tokens,
                             const char          *channel_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreTokens *data;

  g_return_if_fail (tokens != NULL && tokens->access_token != NULL);
  g_return_if_fail (channel_id != NULL);

  data = g_new0 (StoreTokens, 1);
  data->channel_id = g_strdup (channel_id);
  data->refresh_token = g_strdup (tokens->refresh_token);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_oauth_tokens_store_async);
  g_task_set_task_data (task, data, (GDestroyNotify) store_tokens_free);

  hd_secrets_store_async (channel_id, HD_SECRET_KIND_ACCESS_TOKEN, NULL, tokens->access_token,
                          cancellable, store_access_cb, g_steal_pointer (&task));
}

gboolean
hd_oauth_tokens_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_oauth_tokens_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Answers of the authorization server */

static GError *
authorization_error (const char *code,
                     const char *description)
{
  if (g_strcmp0 (code, "access_denied") == 0)
    return g_error_new_literal (HD_OAUTH_ERROR, HD_OAUTH_ERROR_ACCESS_DENIED,
                                _("You declined to give Herald access, so the account was not "
                                  "connected. To connect it, start again and allow access."));

  return g_error_new (HD_OAUTH_ERROR, HD_OAUTH_ERROR_AUTHORIZATION_FAILED,
                      _("The sign-in did not succeed (“%s”), so the account was not "
                        "connected. Try connecting again."),
                      description != NULL ? description : code);
}

static gboolean
is_bare_code (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isgraph (*p))
        return FALSE;
    }

  return TRUE;
}

/**
 * hd_oauth_parse_pasted_code:
 * @text: what the user pasted: the code itself, or the address the browser ended on
 * @code: (out): the authorization code
 * @state: (out) (nullable): the state that came with it, if the user pasted an address
 *
 * Returns: %TRUE when @text holds a code
 */
gboolean
hd_oauth_parse_pasted_code (const char  *text,
                            char       **code,
                            char       **state,
                            GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query = NULL;
  const char *found;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (code != NULL && state != NULL, FALSE);

  *code = NULL;
  *state = NULL;

  stripped = g_strstrip (g_strdup (text));

  if (strstr (stripped, "://") != NULL || strchr (stripped, '?') != NULL)
    {
      query = strchr (stripped, '?');
      query = query != NULL ? query + 1 : "";
    }
  else if (strstr (stripped, "code=") != NULL || strstr (stripped, "error=") != NULL)
    {
      query = stripped;
    }

  if (query != NULL)
    {
      g_autofree char *without_fragment = g_strndup (query, strcspn (query, "#"));

      params = g_uri_parse_params (without_fragment, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
      if (params != NULL && (found = g_hash_table_lookup (params, "error")) != NULL)
        {
          g_propagate_error (error,
                             authorization_error (found,
                                                  g_hash_table_lookup (params,
                                                                       "error_description")));
          return FALSE;
        }

      if (params == NULL || (found = g_hash_table_lookup (params, "code")) == NULL
          || *found == '\0' || !is_bare_code (found))
        {
          g_set_error_literal (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CODE,
                               _("The pasted text holds no authorization code. Copy the code "
                                 "the sign-in page shows, then paste it again."));
          return FALSE;
        }

      *code = g_strdup (found);
      *state = g_strdup (g_hash_table_lookup (params, "state"));
      return TRUE;
    }

  if (*stripped == '\0' || !is_bare_code (stripped) || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CODE,
                           _("The pasted text is not an authorization code. Copy the code the "
                             "sign-in page shows, then paste it again."));
      return FALSE;
    }

  *code = g_steal_pointer (&stripped);
  return TRUE;
}

/* The client */

static void
close_listener (HdOAuthClient *self)
{
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

static void
stop_waiting (HdOAuthClient *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
}

static void
hd_oauth_client_dispose (GObject *object)
{
  HdOAuthClient *self = (HdOAuthClient *)object;

  stop_waiting (self);
  close_listener (self);

  g_clear_object (&self->flow);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (hd_oauth_client_parent_class)->dispose (object);
}

static void
hd_oauth_client_finalize (GObject *object)
{
  HdOAuthClient *self = (HdOAuthClient *)object;

  g_free (self->client_id);
  wipe_string (&self->client_secret);
  g_free (self->authorization_endpoint);
  g_free (self->token_endpoint);
  g_free (self->issuer);
  g_free (self->scope);
  g_ptr_array_unref (self->parameters);
  g_free (self->callback_path);
  wipe_string (&self->state);
  wipe_string (&self->verifier);
  g_free (self->redirect_uri);

  G_OBJECT_CLASS (hd_oauth_client_parent_class)->finalize (object);
}

static void
hd_oauth_client_class_init (HdOAuthClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_oauth_client_dispose;
  object_class->finalize = hd_oauth_client_finalize;
}

static void
hd_oauth_client_init (HdOAuthClient *self)
{
  self->parameters = g_ptr_array_new_with_free_func ((GDestroyNotify) parameter_free);
  self->callback_path = g_strdup (DEFAULT_CALLBACK_PATH);
  self->timeout_ms = HD_OAUTH_DEFAULT_TIMEOUT_MS;
}

HdOAuthClient *
hd_oauth_client_new (HdHttp *http)
{
  HdOAuthClient *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_OAUTH_CLIENT, NULL);
  self->http = g_object_ref (http);

  return self;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
hd_oauth_client_set_client_id (HdOAuthClient *self,
                               const char    *client_id)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  replace_string (&self->client_id, client_id);
}

void
hd_oauth_client_set_client_secret (HdOAuthClient *self,
                                   const char    *client_secret)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  wipe_string (&self->client_secret);
  self->client_secret = g_strdup (client_secret);
}

void
hd_oauth_client_set_client_auth (HdOAuthClient     *self,
                                 HdOAuthClientAuth  client_auth)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  self->client_auth = client_auth;
}

void
hd_oauth_client_set_authorization_endpoint (HdOAuthClient *self,
                                            const char    *uri)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  replace_string (&self->authorization_endpoint, uri);
}

const char *
hd_oauth_client_get_authorization_endpoint (HdOAuthClient *self)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);

  return self->authorization_endpoint;
}

void
hd_oauth_client_set_token_endpoint (HdOAuthClient *self,
                                    const char    *uri)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  replace_string (&self->token_endpoint, uri);
}

const char *
hd_oauth_client_get_token_endpoint (HdOAuthClient *self)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);

  return self->token_endpoint;
}

/**
 * hd_oauth_client_set_issuer:
 * @issuer: (nullable): the issuer the redirect's `iss` must name (RFC 9207)
 */
void
hd_oauth_client_set_issuer (HdOAuthClient *self,
                            const char    *issuer)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  replace_string (&self->issuer, issuer);
}

const char *
hd_oauth_client_get_issuer (HdOAuthClient *self)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);

  return self->issuer;
}

/**
 * hd_oauth_client_set_scope:
 * @scope: (nullable): the scopes to ask for, separated by spaces
 */
void
hd_oauth_client_set_scope (HdOAuthClient *self,
                           const char    *scope)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  replace_string (&self->scope, scope);
}

static gboolean
is_reserved_parameter (const char *name)
{
  static const char * const reserved[] = {
    "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
    "code_challenge_method",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    {
      if (g_strcmp0 (name, reserved[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * hd_oauth_client_set_parameter:
 * @name: a parameter of the authorization request the platform wants, such as `prompt`
 * @value: (nullable): its value, or %NULL to leave it out again
 *
 * The parameters that protect the flow (state, PKCE, redirect_uri…) are Herald's to set.
 */
void
hd_oauth_client_set_parameter (HdOAuthClient *self,
                               const char    *name,
                               const char    *value)
{
  Parameter *parameter;

  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (!is_reserved_parameter (name));

  for (guint i = 0; i < self->parameters->len; i++)
    {
      parameter = g_ptr_array_index (self->parameters, i);
      if (g_strcmp0 (parameter->name, name) == 0)
        {
          g_ptr_array_remove_index (self->parameters, i);
          break;
        }
    }

  if (value == NULL)
    return;

  parameter = g_new0 (Parameter, 1);
  parameter->name = g_strdup (name);
  parameter->value = g_strdup (value);
  g_ptr_array_add (self->parameters, parameter);
}

void
hd_oauth_client_set_pkce (HdOAuthClient *self,
                          HdOAuthPkce    pkce)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  self->pkce = pkce;
}

gboolean
hd_oauth_client_get_uses_pkce (HdOAuthClient *self)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), FALSE);

  switch (self->pkce)
    {
    case HD_OAUTH_PKCE_S256:
      return TRUE;
    case HD_OAUTH_PKCE_NONE:
      return FALSE;
    case HD_OAUTH_PKCE_AUTO:
    default:
      return self->discovered ? self->server_supports_s256 : TRUE;
    }
}

void
hd_oauth_client_set_callback_path (HdOAuthClient *self,
                                   const char    *path)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  replace_string (&self->callback_path, path);
}

/**
 * hd_oauth_client_set_timeout:
 * @timeout_ms: how long to wait for the browser to come back, five minutes by default
 */
void
hd_oauth_client_set_timeout (HdOAuthClient *self,
                             guint          timeout_ms)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  self->timeout_ms = timeout_ms;
}

void
hd_oauth_client_set_clock (HdOAuthClient *self,
                           HdClockFunc    clock,
                           gpointer       user_data)
{
  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));

  self->clock = clock;
  self->clock_data = user_data;
}

static gint64
now_seconds (HdOAuthClient *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);

  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
base64url (const guint8 *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  text[strcspn (text, "=")] = '\0';

  return text;
}

static gboolean
fill_random (guint8  *buffer,
             gsize    length,
             GError **error)
{
  gsize filled = 0;

  while (filled < length)
    {
      ssize_t got = getrandom (buffer + filled, length - filled, 0);

      if (got < 0)
        {
          if (errno == EINTR)
            continue;

          g_set_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_LISTEN_FAILED,
                       _("Herald could not start the sign-in: %s"), g_strerror (errno));
          return FALSE;
        }

      filled += got;
    }

  return TRUE;
}

static char *
random_token (GError **error)
{
  guint8 bytes[RANDOM_BYTES];
  char *token;

  if (!fill_random (bytes, sizeof bytes, error))
    return NULL;

  token = base64url (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  return token;
}

static char *
code_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);

  return base64url (digest, length);
}

/* A fresh state and verifier for every authorization: an old one must never be accepted
 * again. */
static gboolean
begin_authorization (HdOAuthClient  *self,
                     GError        **error)
{
  g_autofree char *state = NULL;
  g_autofree char *verifier = NULL;

  if (self->client_id == NULL || self->authorization_endpoint == NULL
      || self->token_endpoint == NULL)
    {
      g_set_error_literal (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_NOT_CONFIGURED,
                           _("Herald does not know how to sign in to this server yet. Check "
                             "the server address, then try again."));
      return FALSE;
    }

  if ((state = random_token (error)) == NULL || (verifier = random_token (error)) == NULL)
    return FALSE;

  wipe_string (&self->state);
  wipe_string (&self->verifier);
  self->state = g_steal_pointer (&state);
  self->verifier = g_steal_pointer (&verifier);
  self->flow_uses_pkce = hd_oauth_client_get_uses_pkce (self);

  return TRUE;
}

static void
append_parameter (GString    *uri,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append (uri, name);
  g_string_append_c (uri, '=');
  g_string_append (uri, escaped);
}

static char *
build_authorization_uri (HdOAuthClient *self,
                         const char    *redirect_uri)
{
  GString *uri = g_string_new (self->authorization_endpoint);

  append_parameter (uri, "response_type", "code");
  append_parameter (uri, "client_id", self->client_id);
  append_parameter (uri, "redirect_uri", redirect_uri);
  if (self->scope != NULL)
    append_parameter (uri, "scope", self->scope);
  append_parameter (uri, "state", self->state);

  if (self->flow_uses_pkce)
    {
      g_autofree char *challenge = code_challenge (self->verifier);

      append_parameter (uri, "code_challenge", challenge);
      append_parameter (uri, "code_challenge_method", "S256");
    }

  for (guint i = 0; i < self->parameters->len; i++)
    {
      Parameter *parameter = g_ptr_array_index (self->parameters, i);

      append_parameter (uri, parameter->name, parameter->value);
    }

  return g_string_free (uri, FALSE);
}

static char *
endpoint_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup (_("The server"));

  return g_strdup (g_uri_get_host (parsed));
}

/* The token endpoint */

static void
append_form (GString    *form,
             const char *name,
             const char *value)
{
  g_autofree char *escaped_name = NULL;
  g_autofree char *escaped_value = NULL;

  if (value == NULL)
    return;

  escaped_name = g_uri_escape_string (name, NULL, FALSE);
  escaped_value = g_uri_escape_string (value, NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');

  g_string_append_printf (form, "%s=%s", escaped_name, escaped_value);
}

typedef struct
{
  char *previous_refresh_token;
  char *host;
} TokenRequest;

static void
token_request_free (TokenRequest *request)
{
  wipe_string (&request->previous_refresh_token);
  g_free (request->host);
  g_free (request);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  HdHttp *http = HD_HTTP (object);
  g_autoptr(GTask) task = user_data;
  HdOAuthClient *self = g_task_get_source_object (task);
  TokenRequest *request = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  GError *answer_error;

  node = hd_http_send_json_finish (http, result, &error_body, &error);
  if (node == NULL)
    {
      if ((answer_error = token_error_from_body (error_body, request->host)) != NULL)
        {
          g_debug ("Token endpoint refused: %s", error->message);
          g_task_return_error (task, answer_error);
        }
      else if (g_error_matches (error, HD_HTTP_ERROR, HD_HTTP_ERROR_MALFORMED)
               || g_error_matches (error, HD_HTTP_ERROR, HD_HTTP_ERROR_TRUNCATED)
               || g_error_matches (error, HD_HTTP_ERROR, HD_HTTP_ERROR_UNEXPECTED_CONTENT))
        {
          g_debug ("Unreadable token answer: %s", error->message);
          g_task_return_error (task, malformed_answer_error ());
        }
      else
        {
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  tokens = hd_oauth_tokens_parse (node, now_seconds (self), &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Rotation: a new refresh token replaces the old one; a server that does not rotate sends
   * none, and the old one stays valid. */
  if (tokens->refresh_token == NULL && request->previous_refresh_token != NULL)
    tokens->refresh_token = g_strdup (request->previous_refresh_token);

  g_task_return_pointer (task, g_steal_pointer (&tokens), (GDestroyNotify) hd_oauth_tokens_free);
}

static void
request_tokens (HdOAuthClient *self,
                GTask         *task,
                GString       *form,
                const char    *previous_refresh_token)
{
  g_autoptr(SoupMessage) message = NULL;
  HdOAuthClientAuth client_auth = self->client_auth;
  TokenRequest *request;

  if (client_auth == HD_OAUTH_CLIENT_AUTH_AUTO)
    client_auth = self->client_secret != NULL ? HD_OAUTH_CLIENT_AUTH_POST
                                              : HD_OAUTH_CLIENT_AUTH_NONE;

  if (client_auth != HD_OAUTH_CLIENT_AUTH_BASIC)
    append_form (form, "client_id", self->client_id);
  if (client_auth == HD_OAUTH_CLIENT_AUTH_POST)
    append_form (form, "client_secret", self->client_secret);

  message = soup_message_new_from_encoded_form ("POST", self->token_endpoint,
                                                g_string_free (form, FALSE));
  if (message == NULL)
    {
      g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_NOT_CONFIGURED,
                               _("The sign-in address of this server is not valid. Check the "
                                 "server address, then try again."));
      g_object_unref (task);
      return;
    }

  if (client_auth == HD_OAUTH_CLIENT_AUTH_BASIC)
    {
      g_autofree char *id = g_uri_escape_string (self->client_id, NULL, FALSE);
      g_autofree char *secret = g_uri_escape_string (self->client_secret != NULL
                                                     ? self->client_secret : "", NULL, FALSE);
      g_autofree char *pair = g_strconcat (id, ":", secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", header);
      memset (pair, 0, strlen (pair));
    }

  /* Tokens must not sit in a cache on the way. */
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Cache-Control", "no-store");

  request = g_new0 (TokenRequest, 1);
  request->previous_refresh_token = g_strdup (previous_refresh_token);
  request->host = endpoint_host (self->token_endpoint);
  g_task_set_task_data (task, request, (GDestroyNotify) token_request_free);

  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task), token_cb,
                           task);
}

static void
exchange_code (HdOAuthClient *self,
               GTask         *task,
               const char    *code,
               const char    *redirect_uri)
{
  GString *form = g_string_new (NULL);

  append_form (form, "grant_type", "authorization_code");
  append_form (form, "code", code);
  append_form (form, "redirect_uri", redirect_uri);
  if (self->flow_uses_pkce)
    append_form (form, "code_verifier", self->verifier);

  request_tokens (self, task, form, NULL);
}

/* The loopback listener */

static void
send_page (SoupServerMessage *message,
           guint              status,
           const char        *heading,
           const char        *text)
{
  g_autofree char *escaped_heading = g_markup_escape_text (heading, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);
  g_autofree char *page = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  page = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html><head><meta charset=\"utf-8\"><title>Herald</title>\n"
                          "<style>body{font-family:sans-serif;max-width:32em;margin:4em auto;"
                          "padding:0 1em;text-align:center}</style></head>\n"
                          "<body><h1>%s</h1><p>%s</p></body></html>\n",
                          escaped_heading, escaped_text);

  /* The address holds the code: keep it out of caches and of the Referer of any link. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Connection", "close");

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
}

static gboolean
close_listener_idle (gpointer user_data)
{
  HdOAuthClient *self = user_data;

  close_listener (self);

  return G_SOURCE_REMOVE;
}

static void
on_callback_message_finished (SoupServerMessage *message,
                              HdOAuthClient     *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, close_listener_idle, g_object_ref (self),
                   g_object_unref);
}

static gboolean
strings_equal_constant_time (const char *a,
                             const char *b)
{
  gsize length_a = strlen (a);
  gsize length_b = strlen (b);
  guint8 difference = length_a != length_b;

  for (gsize i = 0; i < MIN (length_a, length_b); i++)
    difference |= (guint8) (a[i] ^ b[i]);

  return difference == 0;
}

static GError *
check_redirect (HdOAuthClient *self,
                GHashTable    *query)
{
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *iss = query != NULL ? g_hash_table_lookup (query, "iss") : NULL;
  const char *error_code = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;

  /* Checked before anything else: without the right state the rest may be an attacker's. */
  if (state == NULL || !strings_equal_constant_time (state, self->state))
    return g_error_new_literal (HD_OAUTH_ERROR, HD_OAUTH_ERROR_STATE_MISMATCH,
                                _("The browser came back with an answer that does not belong "
                                  "to this sign-in, so Herald ignored it and connected "
                                  "nothing. Start connecting again."));

  if ((iss != NULL && self->issuer != NULL && g_strcmp0 (iss, self->issuer) != 0)
      || (iss == NULL && self->server_sends_iss))
    return g_error_new_literal (HD_OAUTH_ERROR, HD_OAUTH_ERROR_ISSUER_MISMATCH,
                                _("The answer to the sign-in came from a different server "
                                  "than the one Herald asked, so Herald ignored it and "
                                  "connected nothing. Start connecting again."));

  if (error_code != NULL)
    return authorization_error (error_code,
                                g_hash_table_lookup (query, "error_description"));

  if (code == NULL || *code == '\0')
    return g_error_new_literal (HD_OAUTH_ERROR, HD_OAUTH_ERROR_AUTHORIZATION_FAILED,
                                _("The sign-in page sent the browser back without an "
                                  "authorization code, so the account was not connected. "
                                  "Start connecting again."));

  return NULL;
}

static void
on_server_request (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  HdOAuthClient *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  const char *method = soup_server_message_get_method (message);

  /* Browsers also ask for /favicon.ico; nothing but the callback is served. */
  if (g_strcmp0 (path, self->callback_path) != 0
      || (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0))
    {
      send_page (message, SOUP_STATUS_NOT_FOUND, _("Not found"),
                 _("This address only receives Herald’s sign-in."));
      return;
    }

  if (self->flow == NULL)
    {
      send_page (message, SOUP_STATUS_GONE, _("Sign-in already finished"),
                 _("This sign-in has already finished. Return to Herald."));
      return;
    }

  task = g_steal_pointer (&self->flow);
  stop_waiting (self);

  g_signal_connect_object (message, "finished", G_CALLBACK (on_callback_message_finished),
                           self, 0);

  error = check_redirect (self, query);
  if (error != NULL)
    {
      send_page (message, SOUP_STATUS_BAD_REQUEST, _("Not connected"), error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_page (message, SOUP_STATUS_OK, _("Signed in"),
             _("You can close this tab and return to Herald."));

  redirect_uri = g_strdup (self->redirect_uri);
  exchange_code (self, g_steal_pointer (&task), g_hash_table_lookup (query, "code"),
                 redirect_uri);
}

/**
 * hd_oauth_client_open_listener:
 *
 * Starts the one-shot listener on 127.0.0.1 with a port the system picks, unless it is
 * already open. A platform that must know the exact redirect address before the
 * authorization (Mastodon registers it with the app) calls this first.
 *
 * Returns: (transfer none): the redirect address, http://127.0.0.1:PORT/callback
 */
const char *
hd_oauth_client_open_listener (HdOAuthClient  *self,
                               GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) listen_error = NULL;
  GSList *uris;
  guint port;

  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);

  if (self->server != NULL)
    return self->redirect_uri;

  server = soup_server_new ("server-header", "Herald", NULL);

  /* Loopback only, IPv4 only: RFC 8252 §8.3 prefers 127.0.0.1 to "localhost", which may
   * resolve elsewhere, and the servers match the redirect's host exactly. */
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &listen_error))
    {
      g_debug ("Could not listen on the loopback interface: %s", listen_error->message);
      g_set_error_literal (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_LISTEN_FAILED,
                           _("Herald could not get ready to receive the sign-in from the "
                             "browser. Try again, or paste the code instead."));
      return NULL;
    }

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  soup_server_add_handler (server, NULL, on_server_request, self, NULL);

  self->server = g_steal_pointer (&server);
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u%s", port, self->callback_path);

  return self->redirect_uri;
}

static void
fail_flow (HdOAuthClient *self,
           GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->flow);

  stop_waiting (self);
  close_listener (self);

  if (task != NULL)
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

static gboolean
on_flow_timeout (gpointer user_data)
{
  HdOAuthClient *self = user_data;
  guint minutes = MAX (1, (self->timeout_ms + 59999) / 60000);

  self->timeout_id = 0;
  fail_flow (self, g_error_new (HD_OAUTH_ERROR, HD_OAUTH_ERROR_TIMEOUT,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The sign-in was not finished within %u minute, "
                                             "so the account was not connected. Start "
                                             "connecting again.",
                                             "The sign-in was not finished within %u "
                                             "minutes, so the account was not connected. "
                                             "Start connecting again.",
                                             minutes),
                                minutes));

  return G_SOURCE_REMOVE;
}

static gboolean
on_flow_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  HdOAuthClient *self = user_data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  fail_flow (self, error);

  return G_SOURCE_REMOVE;
}

/**
 * hd_oauth_client_authorize_async:
 * @open_uri: shows the authorization address to the user
 *
 * Runs the authorization code flow of RFC 8252: a fresh state and PKCE verifier, the
 * one-shot loopback listener, the browser step through @open_uri, the checks of the redirect
 * and the exchange of the code. It fails after the timeout when the browser never comes
 * back, and stores nothing: the caller saves the tokens it receives.
 */
void
hd_oauth_client_authorize_async (HdOAuthClient       *self,
                                 HdOAuthOpenUriFunc   open_uri,
                                 gpointer             open_uri_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *redirect_uri;

  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (open_uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_oauth_client_authorize_async);

  if (self->flow != NULL)
    {
      /* The newer attempt wins: the user clicked Connect again. */
      fail_flow (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("A newer sign-in replaced this one.")));
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!begin_authorization (self, &error)
      || (redirect_uri = hd_oauth_client_open_listener (self, &error)) == NULL)
    {
      close_listener (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uri = build_authorization_uri (self, redirect_uri);

  self->flow = g_steal_pointer (&task);
  self->timeout_id = g_timeout_add (self->timeout_ms, on_flow_timeout, self);

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_flow_cancelled), self,
                             NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }

  open_uri (uri, open_uri_data);
}

/**
 * hd_oauth_client_authorize_finish:
 *
 * Returns: (transfer full): the tokens
 */
HdOAuthTokens *
hd_oauth_client_authorize_finish (HdOAuthClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == hd_oauth_client_authorize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The out-of-band fallback */

/**
 * hd_oauth_client_build_out_of_band_uri:
 * @redirect_uri: (nullable): the redirect the platform shows the code on, or %NULL for
 *   urn:ietf:wg:oauth:2.0:oob
 *
 * Starts an authorization whose code the user copies from the browser and pastes into
 * Herald, for when the loopback redirect cannot work. Finish it with
 * hd_oauth_client_redeem_code_async().
 *
 * Returns: (transfer full): the address to open in the browser
 */
char *
hd_oauth_client_build_out_of_band_uri (HdOAuthClient  *self,
                                       const char     *redirect_uri,
                                       GError        **error)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);

  if (!begin_authorization (self, error))
    return NULL;

  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup (redirect_uri != NULL ? redirect_uri : HD_OAUTH_OUT_OF_BAND_URI);

  return build_authorization_uri (self, self->redirect_uri);
}

void
hd_oauth_client_redeem_code_async (HdOAuthClient       *self,
                                   const char          *pasted,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *redirect_uri = NULL;

  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (pasted != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_oauth_client_redeem_code_async);

  if (self->state == NULL || self->redirect_uri == NULL)
    {
      g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CODE,
                               _("This code does not belong to a sign-in Herald started. Start "
                                 "connecting again."));
      return;
    }

  if (!hd_oauth_parse_pasted_code (pasted, &code, &state, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (state != NULL && !strings_equal_constant_time (state, self->state))
    {
      g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_STATE_MISMATCH,
                               _("The pasted address belongs to a different sign-in, so "
                                 "Herald connected nothing. Start connecting again."));
      return;
    }

  redirect_uri = g_strdup (self->redirect_uri);
  exchange_code (self, g_steal_pointer (&task), code, redirect_uri);
}

HdOAuthTokens *
hd_oauth_client_redeem_code_finish (HdOAuthClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == hd_oauth_client_redeem_code_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Refreshing */

/**
 * hd_oauth_client_refresh_async:
 * @refresh_token: the stored refresh token
 *
 * Asks for a new access token. The answer's refresh token replaces @refresh_token; when the
 * server sends none, the tokens returned carry @refresh_token on.
 */
void
hd_oauth_client_refresh_async (HdOAuthClient       *self,
                               const char          *refresh_token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GString *form;

  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (refresh_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_oauth_client_refresh_async);

  if (self->client_id == NULL || self->token_endpoint == NULL)
    {
      g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_NOT_CONFIGURED,
                               _("Herald does not know how to sign in to this server yet. "
                                 "Check the server address, then try again."));
      return;
    }

  form = g_string_new (NULL);
  append_form (form, "grant_type", "refresh_token");
  append_form (form, "refresh_token", refresh_token);

  request_tokens (self, g_steal_pointer (&task), form, refresh_token);
}

HdOAuthTokens *
hd_oauth_client_refresh_finish (HdOAuthClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == hd_oauth_client_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Discovery */

static char *
well_known_uri (const char *issuer,
                const char *suffix,
                gboolean    insert)
{
  g_autoptr(GUri) uri = g_uri_parse (issuer, G_URI_FLAGS_NONE, NULL);
  g_autofree char *path = NULL;
  g_autofree char *new_path = NULL;
  g_autoptr(GUri) result = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  /* RFC 8414 §3.1 puts the well-known part before the issuer's path; OpenID Connect
   * Discovery §4 after it. */
  if (insert)
    new_path = g_strconcat ("/.well-known/", suffix, path, NULL);
  else
    new_path = g_strconcat (path, "/.well-known/", suffix, NULL);

  result = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                        g_uri_get_port (uri), new_path, NULL, NULL);
  return g_uri_to_string (result);
}

typedef struct
{
  char *issuer;
  guint attempt;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_free (discovery->issuer);
  g_free (discovery);
}

static gboolean
same_issuer (const char *a,
             const char *b)
{
  gsize length_a = strlen (a);
  gsize length_b = strlen (b);

  while (length_a > 0 && a[length_a - 1] == '/')
    length_a--;
  while (length_b > 0 && b[length_b - 1] == '/')
    length_b--;

  return length_a == length_b && strncmp (a, b, length_a) == 0;
}

static gboolean
apply_metadata (HdOAuthClient *self,
                JsonNode      *node,
                const char    *issuer)
{
  g_autofree char *metadata_issuer = NULL;
  g_autofree char *authorization_endpoint = NULL;
  g_autofree char *token_endpoint = NULL;
  JsonObject *object;
  JsonNode *methods;
  JsonNode *iss_supported;
  gboolean s256 = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  if (!read_optional_string (object, "issuer", &metadata_issuer)
      || !read_optional_string (object, "authorization_endpoint", &authorization_endpoint)
      || !read_optional_string (object, "token_endpoint", &token_endpoint)
      || metadata_issuer == NULL || authorization_endpoint == NULL || token_endpoint == NULL)
    return FALSE;

  /* RFC 8414 §3.3: metadata naming another issuer must not be used. */
  if (!same_issuer (metadata_issuer, issuer))
    return FALSE;

  methods = json_object_get_member (object, "code_challenge_methods_supported");
  if (methods != NULL && JSON_NODE_HOLDS_ARRAY (methods))
    {
      JsonArray *array = json_node_get_array (methods);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING
              && g_strcmp0 (json_node_get_string (element), "S256") == 0)
            s256 = TRUE;
        }
    }

  iss_supported = json_object_get_member (object, "authorization_response_iss_parameter_supported");

  g_free (self->issuer);
  self->issuer = g_steal_pointer (&metadata_issuer);
  g_free (self->authorization_endpoint);
  self->authorization_endpoint = g_steal_pointer (&authorization_endpoint);
  g_free (self->token_endpoint);
  self->token_endpoint = g_steal_pointer (&token_endpoint);
  self->server_supports_s256 = s256;
  self->server_sends_iss = iss_supported != NULL && JSON_NODE_HOLDS_VALUE (iss_supported)
                           && json_node_get_value_type (iss_supported) == G_TYPE_BOOLEAN
                           && json_node_get_boolean (iss_supported);
  self->discovered = TRUE;

  return TRUE;
}

static void fetch_metadata (GTask *task);

static void
metadata_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdOAuthClient *self = g_task_get_source_object (task);
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = hd_http_send_json_finish (HD_HTTP (object), result, NULL, &error);
  if (node != NULL && apply_metadata (self, node, discovery->issuer))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL)
    g_debug ("Authorization server metadata not found: %s", error->message);

  discovery->attempt++;
  fetch_metadata (g_steal_pointer (&task));
}

static void
fetch_metadata (GTask *task)
{
  HdOAuthClient *self = g_task_get_source_object (task);
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;

  switch (discovery->attempt)
    {
    case 0:
      uri = well_known_uri (discovery->issuer, "oauth-authorization-server", TRUE);
      break;
    case 1:
      uri = well_known_uri (discovery->issuer, "openid-configuration", FALSE);
      break;
    default:
      break;
    }

  if (uri != NULL)
    message = soup_message_new ("GET", uri);

  if (message == NULL)
    {
      g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_DISCOVERY_FAILED,
                               _("Herald could not find how to sign in to %s. Check the server "
                                 "address, then try again."), discovery->issuer);
      g_object_unref (task);
      return;
    }

  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task),
                           metadata_cb, task);
}

/**
 * hd_oauth_client_discover_async:
 * @issuer: the authorization server's issuer, such as https://mastodon.social
 *
 * Reads the server's metadata from /.well-known/oauth-authorization-server, or else from
 * /.well-known/openid-configuration, and takes the issuer, the endpoints and whether it
 * supports PKCE S256 and sends `iss` from it. Set endpoints explicitly afterwards to
 * override what the server says.
 */
void
hd_oauth_client_discover_async (HdOAuthClient       *self,
                                const char          *issuer,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Discovery *discovery;

  g_return_if_fail (HD_IS_OAUTH_CLIENT (self));
  g_return_if_fail (issuer != NULL);

  discovery = g_new0 (Discovery, 1);
  discovery->issuer = g_strdup (issuer);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_oauth_client_discover_async);
  g_task_set_task_data (task, discovery, (GDestroyNotify) discovery_free);

  fetch_metadata (g_steal_pointer (&task));
}

gboolean
hd_oauth_client_discover_finish (HdOAuthClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (HD_IS_OAUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == hd_oauth_client_discover_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
