/* hd-saved-reply-popover.h: answers to common questions, inserted into a reply with a click.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "widgets/hd-saved-text-popover.h"

G_BEGIN_DECLS

#define HD_TYPE_SAVED_REPLY_POPOVER (hd_saved_reply_popover_get_type ())
G_DECLARE_FINAL_TYPE (HdSavedReplyPopover, hd_saved_reply_popover, HD, SAVED_REPLY_POPOVER,
                      HdSavedTextPopover)

GtkWidget  *hd_saved_reply_popover_new          (HdStore             *store);
/* The saved replies offered, HdSnippet items. */
GListModel *hd_saved_reply_popover_get_replies  (HdSavedReplyPopover *self);
/* The reply being written, offered to be saved ("" or NULL: nothing to save). */
void        hd_saved_reply_popover_set_text     (HdSavedReplyPopover *self,
                                                 const char          *text);
/* Saves the reply being written under @name (a name made from the text when NULL or empty). */
gboolean    hd_saved_reply_popover_save_text    (HdSavedReplyPopover *self,
                                                 const char          *name,
                                                 GError             **error);
/* What a click on the saved reply at @position does: ::insert with its text. */
void        hd_saved_reply_popover_choose       (HdSavedReplyPopover *self,
                                                 guint                position);

G_END_DECLS
