/* hd-channel-wizard-private.h: the wizard's fields, for its tests
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "channels/hd-channel-wizard.h"

G_BEGIN_DECLS

/* "instance", "code", "server", "identifier" or "password". */
GtkEditable *_hd_channel_wizard_get_entry     (HdChannelWizard *self,
                                               const char      *name);
/* The sign-in address the paste step shows. */
const char  *_hd_channel_wizard_get_paste_uri (HdChannelWizard *self);

G_END_DECLS
