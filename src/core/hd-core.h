/* hd-core.h: everything libherald-core offers to the interface and the command line.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-types.h"
#include "hd-core-enums.h"

#include "hd-ad.h"
#include "hd-ad-account.h"
#include "hd-ad-set.h"
#include "hd-audience.h"
#include "hd-campaign.h"
#include "hd-channel.h"
#include "hd-inbox-item.h"
#include "hd-label.h"
#include "hd-media.h"
#include "hd-metric.h"
#include "hd-post.h"
#include "hd-snippet.h"
#include "hd-variant.h"

#include "hd-store.h"
#include "hd-media-library.h"
