/* hd-oauth.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hd-http.h"
#include "hd-rate-limiter.h"

G_BEGIN_DECLS

#define HD_OAUTH_ERROR (hd_oauth_error_quark ())

typedef enum
{
  HD_OAUTH_ERROR_NOT_CONFIGURED,
  HD_OAUTH_ERROR_LISTEN_FAILED,
  HD_OAUTH_ERROR_DISCOVERY_FAILED,
  HD_OAUTH_ERROR_ACCESS_DENIED,
  HD_OAUTH_ERROR_AUTHORIZATION_FAILED,
  HD_OAUTH_ERROR_STATE_MISMATCH,
  HD_OAUTH_ERROR_ISSUER_MISMATCH,
  HD_OAUTH_ERROR_TIMEOUT,
  HD_OAUTH_ERROR_INVALID_CODE,
  HD_OAUTH_ERROR_INVALID_GRANT,
  HD_OAUTH_ERROR_INVALID_CLIENT,
  HD_OAUTH_ERROR_TOKEN_FAILED,
  HD_OAUTH_ERROR_MALFORMED_RESPONSE,
  HD_OAUTH_ERROR_UNSUPPORTED_TOKEN,
} HdOAuthError;

/* Whether the authorization request carries a PKCE challenge. AUTO follows the server's
 * metadata once discovered, and sends one otherwise: servers ignore parameters they do not
 * know (RFC 6749 §3.1). */
typedef enum
{
  HD_OAUTH_PKCE_AUTO,
  HD_OAUTH_PKCE_S256,
  HD_OAUTH_PKCE_NONE,
} HdOAuthPkce;

/* How the client proves itself at the token endpoint (RFC 6749 §2.3.1). AUTO sends the
 * secret as a form field when there is one. */
typedef enum
{
  HD_OAUTH_CLIENT_AUTH_AUTO,
  HD_OAUTH_CLIENT_AUTH_NONE,
  HD_OAUTH_CLIENT_AUTH_POST,
  HD_OAUTH_CLIENT_AUTH_BASIC,
} HdOAuthClientAuth;

#define HD_OAUTH_OUT_OF_BAND_URI "urn:ietf:wg:oauth:2.0:oob"
#define HD_OAUTH_DEFAULT_TIMEOUT_MS (5 * 60 * 1000)

typedef struct
{
  char   *access_token;
  char   *token_type;
  /* NULL when the server sent none */
  char   *refresh_token;
  char   *scope;
  /* seconds as the server said, or -1 */
  gint64  expires_in;
  /* Unix seconds, or 0 when nobody said when the token expires */
  gint64  expires_at;
} HdOAuthTokens;

#define HD_TYPE_OAUTH_TOKENS (hd_oauth_tokens_get_type ())

GType          hd_oauth_tokens_get_type    (void) G_GNUC_CONST;
HdOAuthTokens *hd_oauth_tokens_copy        (const HdOAuthTokens  *tokens);
void           hd_oauth_tokens_free        (HdOAuthTokens        *tokens);
HdOAuthTokens *hd_oauth_tokens_parse       (JsonNode             *node,
                                            gint64                now,
                                            GError              **error);

void           hd_oauth_tokens_store_async (const HdOAuthTokens  *tokens,
                                            const char           *channel_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean       hd_oauth_tokens_store_finish (GAsyncResult        *result,
                                             GError             **error);

gboolean       hd_oauth_parse_pasted_code  (const char           *text,
                                            char                **code,
                                            char                **state,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdOAuthTokens, hd_oauth_tokens_free)

/* Hands the authorization URL to whoever shows it: gtk_show_uri() in the window, a line on
 * standard output on the command line, a plain HTTP request in a test. */
typedef void (*HdOAuthOpenUriFunc) (const char *uri,
                                    gpointer    user_data);

#define HD_TYPE_OAUTH_CLIENT (hd_oauth_client_get_type ())

G_DECLARE_FINAL_TYPE (HdOAuthClient, hd_oauth_client, HD, OAUTH_CLIENT, GObject)

GQuark         hd_oauth_error_quark                      (void);

HdOAuthClient *hd_oauth_client_new                       (HdHttp              *http);

void           hd_oauth_client_set_client_id             (HdOAuthClient       *self,
                                                          const char          *client_id);
void           hd_oauth_client_set_client_secret         (HdOAuthClient       *self,
                                                          const char          *client_secret);
void           hd_oauth_client_set_client_auth           (HdOAuthClient       *self,
                                                          HdOAuthClientAuth    client_auth);
void           hd_oauth_client_set_authorization_endpoint (HdOAuthClient      *self,
                                                           const char         *uri);
const char    *hd_oauth_client_get_authorization_endpoint (HdOAuthClient      *self);
void           hd_oauth_client_set_token_endpoint        (HdOAuthClient       *self,
                                                          const char          *uri);
const char    *hd_oauth_client_get_token_endpoint        (HdOAuthClient       *self);
void           hd_oauth_client_set_issuer                (HdOAuthClient       *self,
                                                          const char          *issuer);
const char    *hd_oauth_client_get_issuer                (HdOAuthClient       *self);
void           hd_oauth_client_set_scope                 (HdOAuthClient       *self,
                                                          const char          *scope);
void           hd_oauth_client_set_parameter             (HdOAuthClient       *self,
                                                          const char          *name,
                                                          const char          *value);
void           hd_oauth_client_set_pkce                  (HdOAuthClient       *self,
                                                          HdOAuthPkce          pkce);
gboolean       hd_oauth_client_get_uses_pkce             (HdOAuthClient       *self);
void           hd_oauth_client_set_callback_path         (HdOAuthClient       *self,
                                                          const char          *path);
void           hd_oauth_client_set_timeout               (HdOAuthClient       *self,
                                                          guint                timeout_ms);
void           hd_oauth_client_set_clock                 (HdOAuthClient       *self,
                                                          HdClockFunc          clock,
                                                          gpointer             user_data);

void           hd_oauth_client_discover_async            (HdOAuthClient       *self,
                                                          const char          *issuer,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean       hd_oauth_client_discover_finish           (HdOAuthClient       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

const char    *hd_oauth_client_open_listener             (HdOAuthClient       *self,
                                                          GError             **error);
void           hd_oauth_client_authorize_async           (HdOAuthClient       *self,
                                                          HdOAuthOpenUriFunc   open_uri,
                                                          gpointer             open_uri_data,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
HdOAuthTokens *hd_oauth_client_authorize_finish          (HdOAuthClient       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

char          *hd_oauth_client_build_out_of_band_uri     (HdOAuthClient       *self,
                                                          const char          *redirect_uri,
                                                          GError             **error);
void           hd_oauth_client_redeem_code_async         (HdOAuthClient       *self,
                                                          const char          *pasted,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
HdOAuthTokens *hd_oauth_client_redeem_code_finish        (HdOAuthClient       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void           hd_oauth_client_refresh_async             (HdOAuthClient       *self,
                                                          const char          *refresh_token,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
HdOAuthTokens *hd_oauth_client_refresh_finish            (HdOAuthClient       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
