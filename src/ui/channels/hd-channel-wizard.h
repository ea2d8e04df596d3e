/* hd-channel-wizard.h: connecting an account, one step at a time
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-channel.h"
#include "hd-http.h"
#include "hd-oauth.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_CHANNEL_WIZARD (hd_channel_wizard_get_type ())
G_DECLARE_FINAL_TYPE (HdChannelWizard, hd_channel_wizard, HD, CHANNEL_WIZARD, AdwWindow)

HdChannelWizard *hd_channel_wizard_new                (GtkWindow          *parent,
                                                       HdStore            *store,
                                                       HdHttp             *http);
/* Who shows the sign-in page; gtk_show_uri() unless set. */
void             hd_channel_wizard_set_open_uri_func  (HdChannelWizard    *self,
                                                       HdOAuthOpenUriFunc  func,
                                                       gpointer            user_data);
/* Connects @channel's account again, keeping its id, posts and posting times; the wizard
 * starts at that platform's step with what is known filled in. */
void             hd_channel_wizard_set_reconnecting   (HdChannelWizard    *self,
                                                       HdChannel          *channel);
/* How long the browser sign-in may take, in milliseconds (five minutes unless set). */
void             hd_channel_wizard_set_timeout        (HdChannelWizard    *self,
                                                       guint               timeout_ms);
/* "platform", "mastodon", "mastodon-browser", "mastodon-paste", "bluesky", "app" (the
 * developer app of Facebook, Instagram, LinkedIn or X), "app-browser", "app-choose" or
 * "done". */
const char      *hd_channel_wizard_get_step           (HdChannelWizard    *self);
/* The channel once connected, else NULL. */
HdChannel       *hd_channel_wizard_get_channel        (HdChannelWizard    *self);
/* The sentence the current step shows about what went wrong, or NULL. */
const char      *hd_channel_wizard_get_error          (HdChannelWizard    *self);
/* TRUE while a request to the server is under way. */
gboolean         hd_channel_wizard_get_busy           (HdChannelWizard    *self);

G_END_DECLS
