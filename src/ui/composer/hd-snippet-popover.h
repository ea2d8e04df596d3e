/* hd-snippet-popover.h: saved hashtag groups and signatures, inserted with a click.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "widgets/hd-saved-text-popover.h"

G_BEGIN_DECLS

#define HD_TYPE_SNIPPET_POPOVER (hd_snippet_popover_get_type ())
G_DECLARE_FINAL_TYPE (HdSnippetPopover, hd_snippet_popover, HD, SNIPPET_POPOVER,
                      HdSavedTextPopover)

GtkWidget *hd_snippet_popover_new           (HdStore          *store);
/* The text selected in the editor, offered to be saved as a snippet ("" or NULL: none). */
void       hd_snippet_popover_set_selection (HdSnippetPopover *self,
                                             const char       *text);
/* Saves the selection under @name (a name made from the text when NULL or empty). */
gboolean   hd_snippet_popover_save_selection (HdSnippetPopover *self,
                                              const char       *name,
                                              GError          **error);

G_END_DECLS
