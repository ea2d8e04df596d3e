/* hd-ad-editor.h: one ad of an ad set, made from a Herald post
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-ad.h"
#include "hd-ads-check.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_AD_EDITOR (hd_ad_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdAdEditor, hd_ad_editor, HD, AD_EDITOR, AdwBin)

GtkWidget   *hd_ad_editor_new             (HdStore      *store,
                                           HdAd         *ad);
HdAd        *hd_ad_editor_get_ad          (HdAdEditor   *self);
/* Writes what the rows hold into the ad. */
void         hd_ad_editor_apply           (HdAdEditor   *self,
                                           const char   *ad_set_id,
                                           HdAdStatus    status);
/* Makes the ad from the post @post_id: its text goes into the ad, and names it when it has
 * no name yet. */
void         hd_ad_editor_choose_post     (HdAdEditor   *self,
                                           const char   *post_id);
void         hd_ad_editor_clear_problems  (HdAdEditor   *self);
/* Shows @problem by its field when it is about this ad; FALSE when it is not. */
gboolean     hd_ad_editor_show_problem    (HdAdEditor   *self,
                                           HdAdsProblem *problem);
const char  *hd_ad_editor_get_problem     (HdAdEditor   *self,
                                           const char   *field);
GtkEditable *hd_ad_editor_get_editable    (HdAdEditor   *self,
                                           const char   *field);
char        *hd_ad_editor_get_body        (HdAdEditor   *self);
void         hd_ad_editor_set_call_to_action (HdAdEditor *self,
                                              const char *call_to_action);

G_END_DECLS
