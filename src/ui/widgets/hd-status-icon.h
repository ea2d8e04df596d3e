/* hd-status-icon.h: status pages that get their large icon only when first shown.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void hd_status_page_set_icon_when_shown (AdwStatusPage *page,
                                         const char    *icon_name);

G_END_DECLS
