/* hd-csv.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-csv.h"
#include "hd-text-counter.h"
#include "hd-wall-time.h"

G_DEFINE_QUARK (hd-csv-error-quark, hd_csv_error)

enum
{
  COLUMN_DATE,
  COLUMN_TIME,
  COLUMN_ZONE,
  COLUMN_CHANNELS,
  COLUMN_TEXT,
  COLUMN_MEDIA,
  COLUMN_LABELS,
  N_COLUMNS
};

static const char * const column_names[N_COLUMNS] = {
  "date", "time", "zone", "channels", "text", "media", "labels",
};

static const gboolean column_required[N_COLUMNS] = {
  TRUE, TRUE, FALSE, TRUE, TRUE, FALSE, FALSE,
};

void
hd_csv_record_free (HdCsvRecord *record)
{
  if (record == NULL)
    return;

  g_strfreev (record->fields);
  g_free (record);
}

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (const char *p = data; (p = memchr (p, '\n', data + offset - p)) != NULL; p++)
    line++;

  return line;
}

static gboolean
is_line_end (const char *p,
             const char *end)
{
  return p < end && (*p == '\n' || *p == '\r');
}

/* Steps over one line end (CRLF, LF or a lone CR) and counts it. */
static const char *
skip_line_end (const char *p,
               const char *end,
               guint      *line)
{
  if (*p == '\r' && p + 1 < end && p[1] == '\n')
    p++;
  (*line)++;

  return p + 1;
}

/* Reads a quoted field from just after its opening quote. Line ends inside it become
 * "\n" whatever the file used, since it is text someone typed into one cell. */
static const char *
read_quoted (const char  *p,
             const char  *end,
             GString     *field,
             guint       *line,
             GError     **error)
{
  guint start_line = *line;

  while (TRUE)
    {
      const char *q = p;

      while (q < end && *q != '"' && *q != '\r' && *q != '\n')
        q++;
      g_string_append_len (field, p, q - p);

      if (q >= end)
        {
          g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_UNTERMINATED_QUOTE,
                       _("The quoted field that starts on line %u has no closing quote."),
                       start_line);
          return NULL;
        }

      if (*q != '"')
        {
          g_string_append_c (field, '\n');
          p = skip_line_end (q, end, line);
          continue;
        }

      if (q + 1 < end && q[1] == '"')
        {
          g_string_append_c (field, '"');
          p = q + 2;
          continue;
        }

      return q + 1;
    }
}

static const char *
read_unquoted (const char *p,
               const char *end,
               GString    *field)
{
  const char *start = p;

  while (p < end && *p != ',' && *p != '\n' && *p != '\r')
    p++;
  g_string_append_len (field, start, p - start);

  return p;
}

static void
append_record (GPtrArray *records,
               GPtrArray *fields,
               guint      line)
{
  HdCsvRecord *record = g_new0 (HdCsvRecord, 1);

  record->line = line;
  record->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **) g_ptr_array_free (fields, FALSE);
  g_ptr_array_add (records, record);
}

/**
 * hd_csv_read:
 * @data: (array length=length): the file's bytes
 *
 * Reads RFC 4180 CSV: fields separated by commas, quoted fields holding commas, doubled
 * quotes and line ends, records ended by CRLF, LF or CR. A UTF-8 byte order mark is
 * skipped, blank lines are ignored, and a quote inside an unquoted field is kept as text.
 *
 * Returns: (transfer full) (element-type HdCsvRecord): the records, or %NULL with @error
 *   set when the file is not UTF-8 or a quote is left open
 */
GPtrArray *
hd_csv_read (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) field = NULL;
  const char *p = data;
  const char *end = data + length;
  const char *invalid = NULL;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  if (!g_utf8_validate_len (p, end - p, &invalid))
    {
      g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_INVALID_UTF8,
                   _("Line %u is not UTF-8 text. Save the file as “CSV UTF-8” and try again."),
                   line_of_offset (data, invalid - data));
      return NULL;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_csv_record_free);
  field = g_string_sized_new (256);

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = NULL;
      guint record_line = line;

      if (is_line_end (p, end))
        {
          p = skip_line_end (p, end, &line);
          continue;
        }

      fields = g_ptr_array_new_with_free_func (g_free);

      while (TRUE)
        {
          g_string_truncate (field, 0);

          if (p < end && *p == '"')
            {
              p = read_quoted (p + 1, end, field, &line, error);
              if (p == NULL)
                return NULL;
              if (p < end && *p != ',' && !is_line_end (p, end))
                {
                  g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_TEXT_AFTER_QUOTE,
                               _("Line %u has text after the closing quote of a field; "
                                 "a quote inside a field is written twice (\"\")."),
                               line);
                  return NULL;
                }
            }
          else
            {
              p = read_unquoted (p, end, field);
            }

          g_ptr_array_add (fields, g_strndup (field->str, field->len));

          if (p < end && *p == ',')
            {
              p++;
              continue;
            }
          if (p < end)
            p = skip_line_end (p, end, &line);
          break;
        }

      append_record (records, g_steal_pointer (&fields), record_line);
    }

  return g_steal_pointer (&records);
}

/* A spreadsheet runs a cell that starts with one of these as a formula. */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Whether the cell starts with quotes and then a formula character. Export adds one quote
 * to such cells and import takes one away, so "'=x" survives the round trip too. */
static gboolean
needs_formula_guard (const char *cell)
{
  while (*cell == '\'')
    cell++;

  return is_formula_start (*cell);
}

static const char *
without_formula_guard (const char *cell)
{
  return cell[0] == '\'' && needs_formula_guard (cell + 1) ? cell + 1 : cell;
}

/**
 * hd_csv_append_record:
 *
 * Appends one record ended by CRLF. Fields holding a comma, a quote or a line end are
 * quoted; a field a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a carriage return) gets a leading single quote so that it stays text.
 */
void
hd_csv_append_record (GString            *out,
                      const char * const *fields,
                      gsize               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      const char *cell = fields[i] != NULL ? fields[i] : "";
      gboolean guard = needs_formula_guard (cell);

      if (i > 0)
        g_string_append_c (out, ',');

      if (strpbrk (cell, ",\"\r\n") == NULL)
        {
          if (guard)
            g_string_append_c (out, '\'');
          g_string_append (out, cell);
          continue;
        }

      g_string_append_c (out, '"');
      if (guard)
        g_string_append_c (out, '\'');
      for (const char *p = cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}

void
hd_csv_post_free (HdCsvPost *post)
{
  if (post == NULL)
    return;

  g_free (post->reason);
  g_free (post->zone);
  g_strfreev (post->channels);
  g_free (post->text);
  g_strfreev (post->media);
  g_strfreev (post->labels);
  g_free (post);
}

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text));
}

/* Splits a list on ';' or '|', trimming items and dropping empty ones. */
static char **
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = g_strsplit_set (text, ";|", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_number (const char **p,
              guint        min_digits,
              guint        max_digits,
              int         *value)
{
  guint digits = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && digits < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      digits++;
    }

  return digits >= min_digits && !g_ascii_isdigit (**p);
}

static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  const char *p = text;

  if (!parse_number (&p, 4, 4, year) || *p++ != '-'
      || !parse_number (&p, 1, 2, month) || *p++ != '-'
      || !parse_number (&p, 1, 2, day) || *p != '\0')
    return FALSE;

  /* Herald counts time from 1970: an earlier year is a typo, not a plan. */
  return *year >= 1970 && g_date_valid_dmy (*day, *month, *year);
}

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute,
            int        *second)
{
  const char *p = text;

  *second = 0;
  if (!parse_number (&p, 1, 2, hour) || *p++ != ':' || !parse_number (&p, 2, 2, minute))
    return FALSE;
  if (*p == ':' && (p++, !parse_number (&p, 2, 2, second)))
    return FALSE;

  return *p == '\0' && *hour <= 23 && *minute <= 59 && *second <= 59;
}

typedef struct
{
  const HdCsvChannel  *channels;
  gsize                n_channels;
  char               **folded_names;
  const char          *default_zone;
  /* owned zone name → GTimeZone, or no value for a name that is not a zone */
  GHashTable          *zones;
  int                  columns[N_COLUMNS];
} ImportContext;

static void
unref_zone (gpointer zone)
{
  if (zone != NULL)
    g_time_zone_unref (zone);
}

static void
import_context_clear (ImportContext *context)
{
  g_strfreev (context->folded_names);
  g_clear_pointer (&context->zones, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportContext, import_context_clear)

static GTimeZone *
lookup_zone (ImportContext *context,
             const char    *name)
{
  GTimeZone *zone;

  if (g_hash_table_lookup_extended (context->zones, name, NULL, (gpointer *) &zone))
    return zone;

  /* "UTC" aside, every IANA name has a slash; this keeps "local" and the like out. */
  zone = NULL;
  if (strchr (name, '/') != NULL || strcmp (name, "UTC") == 0)
    {
      zone = g_time_zone_new_identifier (name);
      if (zone != NULL && strcmp (g_time_zone_get_identifier (zone), name) != 0)
        g_clear_pointer (&zone, g_time_zone_unref);
    }
  g_hash_table_insert (context->zones, g_strdup (name), zone);

  return zone;
}

static const HdCsvChannel *
lookup_channel (ImportContext *context,
                const char    *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (gsize i = 0; i < context->n_channels; i++)
    if (strcmp (context->folded_names[i], folded) == 0)
      return &context->channels[i];

  return NULL;
}

static gboolean
read_header (ImportContext      *context,
             const HdCsvRecord  *header,
             GError            **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    context->columns[c] = -1;

  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (header->fields[i]));
      g_autofree char *name = g_ascii_strdown (stripped, -1);
      guint c;

      for (c = 0; c < N_COLUMNS; c++)
        if (strcmp (name, column_names[c]) == 0)
          break;

      if (c == N_COLUMNS)
        {
          g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_BAD_HEADER,
                       _("The first line must name the columns date, time, zone, channels, "
                         "text, media and labels, but it has “%s”."),
                       header->fields[i]);
          return FALSE;
        }
      if (context->columns[c] != -1)
        {
          g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_BAD_HEADER,
                       _("The first line names the column “%s” twice."), column_names[c]);
          return FALSE;
        }
      context->columns[c] = i;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    if (column_required[c] && context->columns[c] == -1)
      {
        g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_BAD_HEADER,
                     _("The first line must name the columns date, time, zone, channels, "
                       "text, media and labels; “%s” is missing."),
                     column_names[c]);
        return FALSE;
      }

  return TRUE;
}

static const char *
cell (const ImportContext *context,
      const HdCsvRecord   *record,
      guint                column)
{
  int index = context->columns[column];

  if (index < 0 || (guint) index >= record->n_fields)
    return "";

  return without_formula_guard (record->fields[index]);
}

static gboolean
is_blank_record (const HdCsvRecord *record)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      g_autofree char *field = strip_copy (record->fields[i]);

      if (field[0] != '\0')
        return FALSE;
    }

  return TRUE;
}

/* Fills @post from @record, or returns why the row cannot be imported. */
static char *
check_row (ImportContext     *context,
           guint              n_header_fields,
           const HdCsvRecord *record,
           HdCsvPost         *post)
{
  g_autofree char *date = strip_copy (cell (context, record, COLUMN_DATE));
  g_autofree char *time = strip_copy (cell (context, record, COLUMN_TIME));
  g_autofree char *zone_name = strip_copy (cell (context, record, COLUMN_ZONE));
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_auto(GStrv) channels = NULL;
  GTimeZone *zone;
  int year, month, day, hour, minute, second;

  if (record->n_fields > n_header_fields)
    return g_strdup_printf (_("The row has %u fields but the first line names %u columns; "
                              "a field holding a comma must be in quotes."),
                            record->n_fields, n_header_fields);

  if (date[0] == '\0')
    return g_strdup (_("The date is missing."));
  if (!parse_date (date, &year, &month, &day))
    return g_strdup_printf (_("“%s” is not a date; write dates as YYYY-MM-DD, "
                              "for example 2026-03-27."), date);

  if (time[0] == '\0')
    return g_strdup (_("The time is missing."));
  if (!parse_time (time, &hour, &minute, &second))
    return g_strdup_printf (_("“%s” is not a time; write times as HH:MM on the 24-hour "
                              "clock, for example 09:30 or 17:45."), time);

  if (zone_name[0] == '\0')
    {
      g_free (zone_name);
      zone_name = g_strdup (context->default_zone);
    }
  zone = lookup_zone (context, zone_name);
  if (zone == NULL)
    return g_strdup_printf (_("“%s” is not a time zone Herald knows; use a name like "
                              "Europe/London or America/New_York."), zone_name);

  if (hd_wall_time_to_instant (zone, year, month, day, hour, minute, second, &post->instant)
      == HD_WALL_TIME_SKIPPED)
    return g_strdup_printf (_("%s on %s does not exist in %s: the clocks go forward over it. "
                              "Choose a time after the change."), time, date, zone_name);

  channels = split_list (cell (context, record, COLUMN_CHANNELS));
  if (channels[0] == NULL)
    return g_strdup (_("No channel is given."));

  post->text = strip_copy (cell (context, record, COLUMN_TEXT));
  if (post->text[0] == '\0')
    return g_strdup (_("The text is empty."));

  for (guint i = 0; channels[i] != NULL; i++)
    {
      const HdCsvChannel *channel = lookup_channel (context, channels[i]);
      g_autoptr(HdTextCount) count = NULL;

      if (channel == NULL)
        return g_strdup_printf (_("“%s” is not one of your channels."), channels[i]);
      if (g_ptr_array_find (chosen, channel->name, NULL))
        continue;

      count = hd_text_count_new (channel->kind, post->text, channel->limit);
      if (count->over)
        return g_strdup_printf (_("The text is too long for %s: %s."),
                                channel->name, count->problem);

      g_ptr_array_add (chosen, (gpointer) channel->name);
    }

  g_strfreev (post->channels);
  post->channels = g_new0 (char *, chosen->len + 1);
  for (guint i = 0; i < chosen->len; i++)
    post->channels[i] = g_strdup (g_ptr_array_index (chosen, i));
  post->zone = g_steal_pointer (&zone_name);
  post->media = split_list (cell (context, record, COLUMN_MEDIA));
  post->labels = split_list (cell (context, record, COLUMN_LABELS));

  return NULL;
}

/**
 * hd_csv_read_posts:
 * @data: (array length=length): the file's bytes
 * @default_zone: the IANA zone for rows that leave theirs empty
 * @channels: (array length=n_channels): the channels a row may name (matched regardless
 *   of case), with their text rules
 *
 * Checks every row of a post import file; nothing is kept anywhere. A row that cannot be
 * imported comes back with its line and a reason the user can act on.
 *
 * Returns: (transfer full) (element-type HdCsvPost): one post per row, or %NULL with
 *   @error set when the file as a whole cannot be read
 */
GPtrArray *
hd_csv_read_posts (const char          *data,
                   gsize                length,
                   const char          *default_zone,
                   const HdCsvChannel  *channels,
                   gsize                n_channels,
                   GError             **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_auto(ImportContext) context = { 0, };
  const HdCsvRecord *header;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (default_zone != NULL, NULL);
  g_return_val_if_fail (channels != NULL || n_channels == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = hd_csv_read (data, length, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error_literal (error, HD_CSV_ERROR, HD_CSV_ERROR_EMPTY, _("The file is empty."));
      return NULL;
    }

  context.channels = channels;
  context.n_channels = n_channels;
  context.default_zone = default_zone;
  context.folded_names = g_new0 (char *, n_channels + 1);
  for (gsize i = 0; i < n_channels; i++)
    context.folded_names[i] = g_utf8_casefold (channels[i].name, -1);
  context.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_zone);

  header = g_ptr_array_index (records, 0);
  if (!read_header (&context, header, error))
    return NULL;

  posts = g_ptr_array_new_full (records->len, (GDestroyNotify) hd_csv_post_free);
  for (guint i = 1; i < records->len; i++)
    {
      const HdCsvRecord *record = g_ptr_array_index (records, i);
      g_autoptr(HdCsvPost) post = NULL;

      if (is_blank_record (record))
        continue;

      post = g_new0 (HdCsvPost, 1);
      post->line = record->line;
      post->channels = g_new0 (char *, 1);
      post->reason = check_row (&context, header->n_fields, record, post);
      post->valid = post->reason == NULL;
      if (!post->valid)
        post->instant = 0;

      g_ptr_array_add (posts, g_steal_pointer (&post));
    }

  return g_steal_pointer (&posts);
}

void
hd_csv_append_post_header (GString *out)
{
  g_return_if_fail (out != NULL);

  hd_csv_append_record (out, column_names, N_COLUMNS);
}

/**
 * hd_csv_append_post:
 *
 * Appends @post in the import format, its instant written as the wall time in its zone,
 * so that a file exported from Herald imports back to the same posts.
 */
void
hd_csv_append_post (GString         *out,
                    const HdCsvPost *post)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *channels = NULL;
  g_autofree char *media = NULL;
  g_autofree char *labels = NULL;
  const char *fields[N_COLUMNS];
  const char *empty[] = { NULL };

  g_return_if_fail (out != NULL);
  g_return_if_fail (post != NULL);
  g_return_if_fail (post->zone != NULL);

  zone = g_time_zone_new_identifier (post->zone);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  utc = g_date_time_new_from_unix_utc (post->instant);
  g_return_if_fail (utc != NULL);
  local = g_date_time_to_timezone (utc, zone);

  date = g_date_time_format (local, "%Y-%m-%d");
  time = g_date_time_get_second (local) != 0 ? g_date_time_format (local, "%H:%M:%S")
                                             : g_date_time_format (local, "%H:%M");
  channels = g_strjoinv ("; ", post->channels != NULL ? post->channels : (char **) empty);
  media = g_strjoinv ("; ", post->media != NULL ? post->media : (char **) empty);
  labels = g_strjoinv ("; ", post->labels != NULL ? post->labels : (char **) empty);

  fields[COLUMN_DATE] = date;
  fields[COLUMN_TIME] = time;
  fields[COLUMN_ZONE] = post->zone;
  fields[COLUMN_CHANNELS] = channels;
  fields[COLUMN_TEXT] = post->text != NULL ? post->text : "";
  fields[COLUMN_MEDIA] = media;
  fields[COLUMN_LABELS] = labels;

  hd_csv_append_record (out, fields, N_COLUMNS);
}
