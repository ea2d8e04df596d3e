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
#include "hd-facebook-connect.h"
#include "hd-facebook-provider.h"
#include "hd-instagram-connect.h"
#include "hd-instagram-provider.h"
#include "hd-linkedin-connect.h"
#include "hd-linkedin-provider.h"
#include "hd-mastodon-connect.h"
#include "hd-mastodon-provider.h"
#include "hd-tid.h"
#include "hd-x-connect.h"
#include "hd-x-provider.h"
