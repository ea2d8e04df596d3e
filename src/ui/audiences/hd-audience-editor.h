/* hd-audience-editor.h: building a saved audience: places, ages, genders, interests
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-audience.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_AUDIENCE_EDITOR (hd_audience_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdAudienceEditor, hd_audience_editor, HD, AUDIENCE_EDITOR, AdwWindow)

/* Edits @audience, or a new one when it is NULL. Searches and estimates go to Meta through
 * the first ad account in @store, over the application's HTTP session; without one, or
 * offline, the builder works from the searches kept in @store. */
HdAudienceEditor *hd_audience_editor_new             (HdStore          *store,
                                                      HdAudience       *audience);
HdAudience       *hd_audience_editor_get_audience    (HdAudienceEditor *self);

/* "About 41,000–48,000 people, estimated 3 Dec"; NULL when there is no estimate. */
char             *hd_audience_editor_format_estimate (gint64            lower,
                                                      gint64            upper,
                                                      gint64            estimated_at);

G_END_DECLS
