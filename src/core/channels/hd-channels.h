/* hd-channels.h: everything the channel layer offers
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

#include "hd-bluesky-facets.h"
#include "hd-bluesky-provider.h"
#include "hd-channel-connect.h"
#include "hd-mastodon-connect.h"
#include "hd-mastodon-provider.h"
#include "hd-tid.h"
