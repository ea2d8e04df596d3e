/* hd-reply-box.h: writing an answer, with the channel's live counter and saved replies.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-channel.h"
#include "hd-store.h"

#include "inbox/hd-saved-reply-popover.h"

G_BEGIN_DECLS

#define HD_TYPE_REPLY_BOX (hd_reply_box_get_type ())
G_DECLARE_FINAL_TYPE (HdReplyBox, hd_reply_box, HD, REPLY_BOX, AdwBin)

GtkWidget           *hd_reply_box_new                (void);
void                 hd_reply_box_set_store          (HdReplyBox  *self,
                                                      HdStore     *store);
/* Counts against @channel's rules and limit; NULL counts nothing. */
void                 hd_reply_box_set_channel        (HdReplyBox  *self,
                                                      HdChannel   *channel);
char                *hd_reply_box_dup_text           (HdReplyBox  *self);
void                 hd_reply_box_set_text           (HdReplyBox  *self,
                                                      const char  *text);
/* Inserts @text where the cursor is. */
void                 hd_reply_box_insert             (HdReplyBox  *self,
                                                      const char  *text);
/* "used / limit", as shown. */
const char          *hd_reply_box_get_counter_text   (HdReplyBox  *self);
/* Whether the text can go out: not empty, and within the channel's limits. */
gboolean             hd_reply_box_can_send           (HdReplyBox  *self);
/* A sentence saying why it could not go out, or NULL to hide it. */
void                 hd_reply_box_set_problem        (HdReplyBox  *self,
                                                      const char  *problem);
HdSavedReplyPopover *hd_reply_box_get_saved_replies  (HdReplyBox  *self);
GtkWidget           *hd_reply_box_get_editor         (HdReplyBox  *self);

G_END_DECLS
