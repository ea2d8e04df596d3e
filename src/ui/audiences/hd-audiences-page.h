/* hd-audiences-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-audience.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_AUDIENCES_PAGE (hd_audiences_page_get_type ())
G_DECLARE_FINAL_TYPE (HdAudiencesPage, hd_audiences_page, HD, AUDIENCES_PAGE, AdwBin)

HdStore *hd_audiences_page_get_store (HdAudiencesPage *self);
void     hd_audiences_page_set_store (HdAudiencesPage *self,
                                      HdStore         *store);
void     hd_audiences_page_delete    (HdAudiencesPage *self,
                                      HdAudience      *audience);

G_END_DECLS
