/* hd-application.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Values of the "workspace" settings key. */
typedef enum
{
  HD_WORKSPACE_UNCHOSEN = 0,
  HD_WORKSPACE_OWN = 1,
  HD_WORKSPACE_SAMPLE = 2,
} HdWorkspace;

#define HD_TYPE_APPLICATION (hd_application_get_type ())
G_DECLARE_FINAL_TYPE (HdApplication, hd_application, HD, APPLICATION, AdwApplication)

HdApplication *hd_application_new              (void);
GSettings     *hd_application_get_settings     (HdApplication *self);
HdWorkspace    hd_application_get_workspace    (HdApplication *self);
HdStore       *hd_application_get_store        (HdApplication *self);
const GError  *hd_application_get_store_error  (HdApplication *self);
void           hd_application_ensure_store     (HdApplication *self);
void           hd_application_open_workspace   (HdApplication *self,
                                                HdWorkspace    workspace);

G_END_DECLS
