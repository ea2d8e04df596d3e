/* hd-ical.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A scheduled post as a calendar event. */
typedef struct
{
  /* stable across exports, so a calendar updates the event instead of adding another */
  const char         *uid;
  /* Unix seconds */
  gint64              instant;
  /* the IANA zone the post was planned in */
  const char         *zone;
  const char         *text;
  /* NULL-terminated channel names, or NULL */
  const char * const *channels;
  /* the published post, or NULL */
  const char         *url;
  gint64              last_modified;
} HdIcalEvent;

char *hd_ical_write        (const HdIcalEvent *events,
                            gsize              n_events,
                            gint64             now);
char *hd_ical_escape_text  (const char        *text);

G_END_DECLS
