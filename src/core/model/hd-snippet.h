/* hd-snippet.h: a saved group of hashtags or a signature, inserted into posts with a click.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_SNIPPET (hd_snippet_get_type ())
G_DECLARE_FINAL_TYPE (HdSnippet, hd_snippet, HD, SNIPPET, GObject)

/* A new object has a fresh random UUID as its id. */
HdSnippet      *hd_snippet_new           (void);
const char     *hd_snippet_get_id        (HdSnippet      *self);
void            hd_snippet_set_id        (HdSnippet      *self,
                                          const char     *id);
HdSnippetKind   hd_snippet_get_kind      (HdSnippet      *self);
void            hd_snippet_set_kind      (HdSnippet      *self,
                                          HdSnippetKind   kind);
const char     *hd_snippet_get_name      (HdSnippet      *self);
void            hd_snippet_set_name      (HdSnippet      *self,
                                          const char     *name);
const char     *hd_snippet_get_text      (HdSnippet      *self);
void            hd_snippet_set_text      (HdSnippet      *self,
                                          const char     *text);
int             hd_snippet_get_position  (HdSnippet      *self);
void            hd_snippet_set_position  (HdSnippet      *self,
                                          int             position);

G_END_DECLS
