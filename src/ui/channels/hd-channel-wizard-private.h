/* hd-channel-wizard-private.h: the wizard's fields, for its tests
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "channels/hd-channel-wizard.h"

G_BEGIN_DECLS

/* "instance", "code", "server", "identifier", "password", "client-id", "client-secret" or
 * "port". */
GtkEditable *_hd_channel_wizard_get_entry     (HdChannelWizard *self,
                                               const char      *name);
/* The line under the app's fields naming the redirect URL to register, or NULL when the
 * platform needs none registered with a port. */
const char  *_hd_channel_wizard_get_redirect_hint (HdChannelWizard *self);
/* The accounts the app step's sign-in listed, each with its check button. */
guint           _hd_channel_wizard_get_n_choices (HdChannelWizard *self);
GtkCheckButton *_hd_channel_wizard_get_choice    (HdChannelWizard *self,
                                                  guint            index,
                                                  const char     **name);
/* Where the developer-app platforms are reached, instead of the real sites. */
void            _hd_channel_wizard_set_endpoints (HdChannelWizard *self,
                                                  HdChannelKind    kind,
                                                  const char      *authorization,
                                                  const char      *token,
                                                  const char      *api_base);
/* The sign-in address the paste step shows. */
const char  *_hd_channel_wizard_get_paste_uri (HdChannelWizard *self);

G_END_DECLS
