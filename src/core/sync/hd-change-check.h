/* hd-change-check.h: every waiting change checked against its channel's rules, offline
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-channels.h"
#include "hd-store-changes.h"

G_BEGIN_DECLS

/* Checks each of @changes (HdChangeSummary; every waiting change when NULL) as the sender
 * would send it at @now, without the network: the channel must be connected, the post must
 * still go there, and the provider's own rules (length, media, alt text, scheduling window)
 * must hold. Returns a table from change id to a GPtrArray of translated sentences, holding
 * only the changes that have a problem; NULL when the database failed. */
GHashTable  *hd_changes_check              (HdStore     *store,
                                            HdHttp      *http,
                                            GPtrArray   *changes,
                                            gint64       now,
                                            GError     **error);

/* The sentence for a channel that cannot send until the user acts, or NULL when it can. */
char        *hd_changes_describe_channel_problem (HdChannelKind   kind,
                                                  const char     *handle,
                                                  HdChannelState  state);

G_END_DECLS
