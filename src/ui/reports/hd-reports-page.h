/* hd-reports-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_REPORTS_PAGE (hd_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (HdReportsPage, hd_reports_page, HD, REPORTS_PAGE, AdwBin)

HdStore *hd_reports_page_get_store (HdReportsPage *self);
void     hd_reports_page_set_store (HdReportsPage *self,
                                    HdStore       *store);

G_END_DECLS
