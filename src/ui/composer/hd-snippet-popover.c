/* hd-snippet-popover.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-store-snippets.h"
#include "composer/hd-snippet-popover.h"

struct _HdSnippetPopover
{
  HdSavedTextPopover parent_instance;
};

G_DEFINE_FINAL_TYPE (HdSnippetPopover, hd_snippet_popover, HD_TYPE_SAVED_TEXT_POPOVER)

/* A selection made only of hashtags is a hashtag group; anything else, a signature. */
static HdSnippetKind
guess_kind (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  gboolean any = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (*words[i] != '#')
        return HD_SNIPPET_KIND_SIGNATURE;
      any = TRUE;
    }

  return any ? HD_SNIPPET_KIND_HASHTAGS : HD_SNIPPET_KIND_SIGNATURE;
}

static gboolean
save_snippet (HdStore    *store,
              HdSnippet  *snippet,
              GError    **error)
{
  hd_snippet_set_kind (snippet, guess_kind (hd_snippet_get_text (snippet)));

  return hd_store_save_snippet (store, snippet, error);
}

void
hd_snippet_popover_set_selection (HdSnippetPopover *self,
                                  const char       *text)
{
  g_return_if_fail (HD_IS_SNIPPET_POPOVER (self));

  hd_saved_text_popover_set_text (HD_SAVED_TEXT_POPOVER (self), text);
}

gboolean
hd_snippet_popover_save_selection (HdSnippetPopover  *self,
                                   const char        *name,
                                   GError           **error)
{
  g_return_val_if_fail (HD_IS_SNIPPET_POPOVER (self), FALSE);

  return hd_saved_text_popover_save_text (HD_SAVED_TEXT_POPOVER (self), name, error);
}

GtkWidget *
hd_snippet_popover_new (HdStore *store)
{
  HdSnippetPopover *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_SNIPPET_POPOVER, NULL);
  hd_saved_text_popover_load (HD_SAVED_TEXT_POPOVER (self), store);

  return GTK_WIDGET (self);
}

static void
hd_snippet_popover_class_init (HdSnippetPopoverClass *klass)
{
  HdSavedTextPopoverClass *saved_class = HD_SAVED_TEXT_POPOVER_CLASS (klass);

  saved_class->heading = N_("Snippets");
  saved_class->empty_text = N_("No snippets yet. Select hashtags or a signature in the text "
                               "and save it here to reuse it.");
  saved_class->list_label = N_("Saved snippets");
  saved_class->name_entry_label = N_("Name of the new snippet");
  saved_class->save_label = N_("_Save selection as snippet");
  saved_class->delete_tooltip = N_("Delete snippet");
  saved_class->nothing_to_save = N_("Select some text first.");
  /* A signature keeps the line break that sets it apart. */
  saved_class->keeps_white_space = TRUE;

  saved_class->list_saved = hd_store_list_snippets;
  saved_class->save = save_snippet;
  saved_class->delete_saved = hd_store_delete_snippet;
}

static void
hd_snippet_popover_init (HdSnippetPopover *self)
{
}
