/* hd-saved-text-popover.h: texts the user saved once and inserts with a click, kept in the
 * store as HdSnippet items; each kind of saved text is a subclass that says where they are
 * kept and what the popover calls them
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-snippet.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_SAVED_TEXT_POPOVER (hd_saved_text_popover_get_type ())
G_DECLARE_DERIVABLE_TYPE (HdSavedTextPopover, hd_saved_text_popover, HD, SAVED_TEXT_POPOVER,
                          GtkPopover)

struct _HdSavedTextPopoverClass
{
  GtkPopoverClass parent_class;

  /* What the popover says, marked (N_) and translated when shown: its heading, what
   * it says while empty, the accessible names of the list and of the name entry, the save
   * button's label (with a mnemonic), the delete buttons' tooltip, and why there is
   * nothing to save yet. */
  const char *heading;
  const char *empty_text;
  const char *list_label;
  const char *name_entry_label;
  const char *save_label;
  const char *delete_tooltip;
  const char *nothing_to_save;
  /* the white space around the text is part of what is saved, as a selection's is */
  gboolean    keeps_white_space;

  /* Where the texts are kept. */
  GListModel *(*list_saved)   (HdStore    *store,
                               GError    **error);
  /* @saved has its name, text and position; the kind can add what the store needs. */
  gboolean    (*save)         (HdStore    *store,
                               HdSnippet  *saved,
                               GError    **error);
  gboolean    (*delete_saved) (HdStore    *store,
                               const char *id,
                               GError    **error);
};

/* Lists what @store keeps; a problem is shown in the popover. */
void        hd_saved_text_popover_load      (HdSavedTextPopover  *self,
                                             HdStore             *store);
/* The saved texts offered, HdSnippet items; NULL when they could not be listed. */
GListModel *hd_saved_text_popover_get_items (HdSavedTextPopover  *self);
/* The text offered to be saved ("" or NULL: nothing to save). */
void        hd_saved_text_popover_set_text  (HdSavedTextPopover  *self,
                                             const char          *text);
/* Saves that text under @name (a name made from the text when NULL or empty). */
gboolean    hd_saved_text_popover_save_text (HdSavedTextPopover  *self,
                                             const char          *name,
                                             GError             **error);
/* What a click on the saved text at @position does: closes and says ::insert with it. */
void        hd_saved_text_popover_choose    (HdSavedTextPopover  *self,
                                             guint                position);

G_END_DECLS
