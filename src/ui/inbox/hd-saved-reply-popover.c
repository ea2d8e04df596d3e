/* hd-saved-reply-popover.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-store-inbox.h"
#include "inbox/hd-saved-reply-popover.h"

struct _HdSavedReplyPopover
{
  HdSavedTextPopover parent_instance;
};

G_DEFINE_FINAL_TYPE (HdSavedReplyPopover, hd_saved_reply_popover, HD_TYPE_SAVED_TEXT_POPOVER)

GListModel *
hd_saved_reply_popover_get_replies (HdSavedReplyPopover *self)
{
  g_return_val_if_fail (HD_IS_SAVED_REPLY_POPOVER (self), NULL);

  return hd_saved_text_popover_get_items (HD_SAVED_TEXT_POPOVER (self));
}

void
hd_saved_reply_popover_set_text (HdSavedReplyPopover *self,
                                 const char          *text)
{
  g_return_if_fail (HD_IS_SAVED_REPLY_POPOVER (self));

  hd_saved_text_popover_set_text (HD_SAVED_TEXT_POPOVER (self), text);
}

gboolean
hd_saved_reply_popover_save_text (HdSavedReplyPopover  *self,
                                  const char           *name,
                                  GError              **error)
{
  g_return_val_if_fail (HD_IS_SAVED_REPLY_POPOVER (self), FALSE);

  return hd_saved_text_popover_save_text (HD_SAVED_TEXT_POPOVER (self), name, error);
}

void
hd_saved_reply_popover_choose (HdSavedReplyPopover *self,
                               guint                position)
{
  g_return_if_fail (HD_IS_SAVED_REPLY_POPOVER (self));

  hd_saved_text_popover_choose (HD_SAVED_TEXT_POPOVER (self), position);
}

GtkWidget *
hd_saved_reply_popover_new (HdStore *store)
{
  HdSavedReplyPopover *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_SAVED_REPLY_POPOVER, NULL);
  hd_saved_text_popover_load (HD_SAVED_TEXT_POPOVER (self), store);

  return GTK_WIDGET (self);
}

static void
hd_saved_reply_popover_class_init (HdSavedReplyPopoverClass *klass)
{
  HdSavedTextPopoverClass *saved_class = HD_SAVED_TEXT_POPOVER_CLASS (klass);

  saved_class->heading = N_("Saved replies");
  saved_class->empty_text = N_("No saved replies yet. Write an answer to a common question, "
                               "such as your opening hours or prices, and save it here to use "
                               "it again.");
  saved_class->list_label = N_("Saved replies");
  saved_class->name_entry_label = N_("Name of the new saved reply");
  saved_class->save_label = N_("_Save this reply");
  saved_class->delete_tooltip = N_("Delete saved reply");
  saved_class->nothing_to_save = N_("Write the reply first, then save it here to use it "
                                    "again.");
  saved_class->keeps_white_space = FALSE;

  saved_class->list_saved = hd_store_list_saved_replies;
  saved_class->save = hd_store_save_saved_reply;
  saved_class->delete_saved = hd_store_delete_saved_reply;
}

static void
hd_saved_reply_popover_init (HdSavedReplyPopover *self)
{
}
