/* hd-rate-limiter.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* RFC 6585; libsoup 3.2 has no name for it. */
#define HD_HTTP_STATUS_TOO_MANY_REQUESTS 429

/* Returns the current time in Unix seconds; tests pass one that they move by hand. */
typedef gint64 (*HdClockFunc) (gpointer user_data);

#define HD_TYPE_RATE_LIMITER (hd_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (HdRateLimiter, hd_rate_limiter, HD, RATE_LIMITER, GObject)

HdRateLimiter *hd_rate_limiter_new       (void);
void           hd_rate_limiter_set_clock (HdRateLimiter      *self,
                                          HdClockFunc         clock,
                                          gpointer            user_data);
gint64         hd_rate_limiter_now       (HdRateLimiter      *self);

guint          hd_rate_limiter_get_wait  (HdRateLimiter      *self,
                                          const char         *key);
void           hd_rate_limiter_note_sent (HdRateLimiter      *self,
                                          const char         *key);
void           hd_rate_limiter_update    (HdRateLimiter      *self,
                                          const char         *key,
                                          guint               status,
                                          SoupMessageHeaders *headers);
void           hd_rate_limiter_forget    (HdRateLimiter      *self,
                                          const char         *key);

G_END_DECLS
