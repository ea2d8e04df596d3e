/* hd-tid.h: AT Protocol timestamp identifiers, the record keys of Bluesky posts
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 13 characters of base32-sortable: 53 bits of microseconds since 1970 and a 10-bit clock
 * id, so that sorting the text sorts by time. */
#define HD_TID_LENGTH 13

char     *hd_tid_from_parts (gint64      microseconds,
                             guint       clock_id);
char     *hd_tid_new        (void);
char     *hd_tid_for_key    (const char *key,
                             gint64      queued_at);
gboolean  hd_tid_is_valid   (const char *text);
gint64    hd_tid_get_time   (const char *tid);

G_END_DECLS
