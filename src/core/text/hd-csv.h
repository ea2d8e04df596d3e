/* hd-csv.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_CSV_ERROR (hd_csv_error_quark ())

typedef enum
{
  HD_CSV_ERROR_EMPTY,
  HD_CSV_ERROR_INVALID_UTF8,
  HD_CSV_ERROR_UNTERMINATED_QUOTE,
  HD_CSV_ERROR_TEXT_AFTER_QUOTE,
  HD_CSV_ERROR_BAD_HEADER,
} HdCsvError;

/* One record of a CSV file, with the line it starts on (a quoted field may hold newlines,
 * so the lines of later records are not their index). */
typedef struct
{
  guint   line;
  guint   n_fields;
  char  **fields;
} HdCsvRecord;

/* A post as the import and export format has it:
 *
 *   date,time,zone,channels,text,media,labels
 *
 * date is YYYY-MM-DD and time HH:MM (or HH:MM:SS), on the wall clock of zone, an IANA name
 * (empty: the default zone). channels, media and labels are lists separated by ';' or '|'.
 * The columns may come in any order; zone, media and labels may be left out.
 *
 * An imported row is either valid, or not with @reason saying why. */
typedef struct
{
  guint      line;
  gboolean   valid;
  char      *reason;

  gint64     instant;
  char      *zone;
  char     **channels;
  char      *text;
  char     **media;
  char     **labels;
} HdCsvPost;

/* A channel an imported post may name, with the rules its text must meet. */
typedef struct
{
  const char    *name;
  HdChannelKind  kind;
  /* 0 for the platform's default */
  guint          limit;
} HdCsvChannel;

GQuark     hd_csv_error_quark       (void);

void       hd_csv_record_free       (HdCsvRecord          *record);
GPtrArray *hd_csv_read              (const char           *data,
                                     gsize                 length,
                                     GError              **error);
void       hd_csv_append_record     (GString              *out,
                                     const char * const   *fields,
                                     gsize                 n_fields);

void       hd_csv_post_free         (HdCsvPost            *post);
GPtrArray *hd_csv_read_posts        (const char           *data,
                                     gsize                 length,
                                     const char           *default_zone,
                                     const HdCsvChannel   *channels,
                                     gsize                 n_channels,
                                     GError              **error);
void       hd_csv_append_post_header (GString             *out);
void       hd_csv_append_post       (GString              *out,
                                     const HdCsvPost      *post);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdCsvRecord, hd_csv_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdCsvPost, hd_csv_post_free)

G_END_DECLS
