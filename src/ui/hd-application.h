/* hd-application.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-ads-sender.h"
#include "hd-http.h"
#include "hd-oauth.h"
#include "hd-sender.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* Values of the "workspace" settings key. */
typedef enum
{
  HD_WORKSPACE_UNCHOSEN = 0,
  HD_WORKSPACE_OWN = 1,
  HD_WORKSPACE_SAMPLE = 2,
} HdWorkspace;

#define HD_TYPE_APPLICATION (hd_application_get_type ())
G_DECLARE_FINAL_TYPE (HdApplication, hd_application, HD, APPLICATION, AdwApplication)

HdApplication *hd_application_new              (void);
GSettings     *hd_application_get_settings     (HdApplication *self);
HdWorkspace    hd_application_get_workspace    (HdApplication *self);
HdStore       *hd_application_get_store        (HdApplication *self);
const GError  *hd_application_get_store_error  (HdApplication *self);
void           hd_application_ensure_store     (HdApplication *self);
void           hd_application_load_store       (HdApplication *self);
gboolean       hd_application_get_store_loading (HdApplication *self);
void           hd_application_open_workspace   (HdApplication *self,
                                                HdWorkspace    workspace);

/* The one HTTP session every channel, feed and picture goes over. */
HdHttp        *hd_application_get_http         (HdApplication *self);
/* Sends what is due in the outbox of the open workspace; NULL for the sample, which never
 * sends, and while no workspace is open. */
HdSender      *hd_application_get_sender       (HdApplication *self);
HdAdsSender   *hd_application_get_ads_sender   (HdApplication *self);
/* TRUE while a round of sending runs ("Sending…" in the header). */
gboolean       hd_application_get_sending      (HdApplication *self);
/* Starts a round now unless one runs, the network is down or there is no sender; returns
 * whether one started. Rounds also start every minute and after each change to the outbox. */
gboolean       hd_application_send_now         (HdApplication *self);
/* TRUE while Herald runs with no window, held for posts still to send (the "Run in the
 * background" preference). */
gboolean       hd_application_get_in_background (HdApplication *self);
/* Where Herald learns whether there is a network: the system's monitor unless set. Rounds
 * wait while it says there is none and start again when it says the network is back. */
void           hd_application_set_network_monitor (HdApplication   *self,
                                                   GNetworkMonitor *monitor);
GNetworkMonitor *hd_application_get_network_monitor (HdApplication *self);
/* Who opens sign-in pages; gtk_show_uri() unless set (tests play the browser here). */
void           hd_application_set_open_uri_func (HdApplication      *self,
                                                 HdOAuthOpenUriFunc  func,
                                                 gpointer            user_data);
HdOAuthOpenUriFunc hd_application_get_open_uri_func (HdApplication *self,
                                                     gpointer      *user_data);

G_END_DECLS
