/* hd-json-text.h: strings written as JSON where a builder would cost more than the text.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void hd_json_append_string (GString    *json,
                            const char *value);

G_END_DECLS
