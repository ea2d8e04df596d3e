/* hd-inbox-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_INBOX_PAGE (hd_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (HdInboxPage, hd_inbox_page, HD, INBOX_PAGE, AdwBin)

HdStore *hd_inbox_page_get_store (HdInboxPage *self);
void     hd_inbox_page_set_store (HdInboxPage *self,
                                  HdStore     *store);

G_END_DECLS
