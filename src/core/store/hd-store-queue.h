/* hd-store-queue.h: each channel's weekly posting times, and the next free one
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* The channel's slots as hd_queue_slots_format writes them ("Mon–Fri 09:30, 13:00"), or ""
 * when it has none. */
char        *hd_store_get_queue_slots      (HdStore             *self,
                                            const char          *channel_id,
                                            GError             **error);
/* @slots is parsed with hd_queue_slots_parse and stored normalised; "" or NULL clears them.
 * Text that does not parse is refused with HD_STORE_ERROR_INVALID and the parser's sentence. */
gboolean     hd_store_set_queue_slots      (HdStore             *self,
                                            const char          *channel_id,
                                            const char          *slots,
                                            GError             **error);
/* The first slot after @after of any channel in @channel_ids, on the wall clock of
 * @time_zone (NULL: the local zone), that is free on every one of them: a slot is taken when a
 * scheduled post going to one of those channels already sits at that instant. A channel
 * without slots is refused with HD_STORE_ERROR_INVALID ("Set posting times for Mastodon first,
 * in Channels."). */
gboolean     hd_store_next_queue_slot      (HdStore             *self,
                                            const char * const  *channel_ids,
                                            const char          *time_zone,
                                            gint64               after,
                                            gint64              *slot,
                                            GError             **error);

G_END_DECLS
