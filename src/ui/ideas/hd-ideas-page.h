/* hd-ideas-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_IDEAS_PAGE (hd_ideas_page_get_type ())
G_DECLARE_FINAL_TYPE (HdIdeasPage, hd_ideas_page, HD, IDEAS_PAGE, AdwBin)

HdStore *hd_ideas_page_get_store (HdIdeasPage *self);
void     hd_ideas_page_set_store (HdIdeasPage *self,
                                  HdStore     *store);

G_END_DECLS
