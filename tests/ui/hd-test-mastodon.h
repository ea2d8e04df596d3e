/* hd-test-mastodon.h: a Mastodon account connected through the app, as the channel wizard
 * connects it, against the fake server
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-application.h"
#include "hd-fake-mastodon.h"

G_BEGIN_DECLS

/* Returns: (transfer full): the channel, signed in, its token in the keyring. The user's
 *   browser is played by a SoupSession that follows the authorization page. */
HdChannel *hd_test_connect_mastodon (HdApplication  *app,
                                     HdFakeMastodon *fake);

G_END_DECLS
