/* hd-secrets.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HD_SECRETS_ERROR (hd_secrets_error_quark ())

typedef enum
{
  HD_SECRETS_ERROR_UNAVAILABLE,
  HD_SECRETS_ERROR_LOCKED,
} HdSecretsError;

/* What a secret is for; each channel holds at most one secret of each kind. */
typedef enum
{
  HD_SECRET_KIND_ACCESS_TOKEN,
  HD_SECRET_KIND_REFRESH_TOKEN,
  HD_SECRET_KIND_APP_PASSWORD,
  HD_SECRET_KIND_CLIENT_ID,
  HD_SECRET_KIND_CLIENT_SECRET,
  /* The person's own sign-in where the channel posts with another's: a Facebook Page posts
   * with the Page's token, and the ad accounts are reached with the user's. */
  HD_SECRET_KIND_USER_TOKEN,
} HdSecretKind;

#define HD_SECRETS_SCHEMA_NAME "io.github.heraldapp.Herald.Channel"

GQuark      hd_secrets_error_quark      (void);

const char *hd_secret_kind_to_string    (HdSecretKind          kind);

void        hd_secrets_store_async      (const char           *channel_id,
                                         HdSecretKind          kind,
                                         const char           *label,
                                         const char           *secret,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    hd_secrets_store_finish     (GAsyncResult         *result,
                                         GError              **error);

void        hd_secrets_lookup_async     (const char           *channel_id,
                                         HdSecretKind          kind,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char       *hd_secrets_lookup_finish    (GAsyncResult         *result,
                                         GError              **error);

void        hd_secrets_clear_async      (const char           *channel_id,
                                         HdSecretKind          kind,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    hd_secrets_clear_finish     (GAsyncResult         *result,
                                         GError              **error);

void        hd_secrets_clear_all_async  (const char           *channel_id,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    hd_secrets_clear_all_finish (GAsyncResult         *result,
                                         GError              **error);

void        hd_secrets_free             (char                 *secret);

G_END_DECLS
