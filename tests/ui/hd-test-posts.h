/* hd-test-posts.h: posts put in the application's store as the composer leaves them
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-application.h"

G_BEGIN_DECLS

/* Returns: (transfer full): a post scheduled for @instant (London time) on @channel alone */
HdPost      *hd_test_schedule_post (HdApplication *app,
                                    const char    *text,
                                    gint64         instant,
                                    HdChannel     *channel);
/* The state the store now has for @post; an idea when it is gone. */
HdPostState  hd_test_post_state    (HdApplication *app,
                                    HdPost        *post);
/* Unix seconds */
gint64       hd_test_now_seconds   (void);

G_END_DECLS
