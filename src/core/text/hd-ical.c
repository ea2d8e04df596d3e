/* hd-ical.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-text"

#include "config.h"

#include <string.h>

#include "hd-ical.h"

/* RFC 5545 3.1: lines are at most 75 octets, not counting the CRLF. */
#define MAX_LINE_OCTETS 75

/* The summary is what a calendar shows in a day cell; the whole text is the description. */
#define SUMMARY_CHARACTERS 60

/* How long a post "lasts" in the calendar: long enough to be seen in a week view. */
#define EVENT_DURATION "PT15M"

/* Writes a content line folded at 75 octets, never inside a UTF-8 sequence. A continuation
 * line starts with a space, which counts towards its 75. */
static void
append_line (GString    *out,
             const char *line)
{
  gsize length = strlen (line);
  gsize room = MAX_LINE_OCTETS;

  while (length > room)
    {
      gsize cut = room;

      while (cut > 0 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;

      g_string_append_len (out, line, cut);
      g_string_append (out, "\r\n ");
      line += cut;
      length -= cut;
      room = MAX_LINE_OCTETS - 1;
    }

  g_string_append_len (out, line, length);
  g_string_append (out, "\r\n");
}

/**
 * hd_ical_escape_text:
 *
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash,
 * and each line end, CRLF, CR or LF, becomes "\n".
 *
 * Returns: (transfer full): the escaped value
 */
char *
hd_ical_escape_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
        case ';':
        case ',':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;

        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n':
          g_string_append (out, "\\n");
          break;

        default:
          g_string_append_c (out, *p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *value)
{
  g_autofree char *escaped = hd_ical_escape_text (value);
  g_autofree char *line = g_strconcat (name, ":", escaped, NULL);

  append_line (out, line);
}

static void
append_utc_property (GString    *out,
                     const char *name,
                     gint64      instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autofree char *value = NULL;
  g_autofree char *line = NULL;

  g_return_if_fail (utc != NULL);

  value = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  line = g_strconcat (name, ":", value, NULL);
  append_line (out, line);
}

/* The first line of the text, shortened to what fits in a calendar cell. */
static char *
make_summary (const char *text)
{
  g_autofree char *first_line = NULL;
  const char *end = strpbrk (text, "\r\n");
  glong characters;

  first_line = g_strstrip (g_strndup (text, end != NULL ? (gsize) (end - text) : strlen (text)));
  characters = g_utf8_strlen (first_line, -1);
  if (characters <= SUMMARY_CHARACTERS)
    return g_steal_pointer (&first_line);

  *g_utf8_offset_to_pointer (first_line, SUMMARY_CHARACTERS - 1) = '\0';
  return g_strconcat (g_strchomp (first_line), "…", NULL);
}

static void
append_event (GString           *out,
              const HdIcalEvent *event,
              gint64             now)
{
  g_autofree char *summary = make_summary (event->text);

  append_line (out, "BEGIN:VEVENT");
  append_text_property (out, "UID", event->uid);
  append_utc_property (out, "DTSTAMP", now);
  append_utc_property (out, "DTSTART", event->instant);
  append_line (out, "DURATION:" EVENT_DURATION);
  append_text_property (out, "SUMMARY", summary);
  append_text_property (out, "DESCRIPTION", event->text);

  if (event->channels != NULL && event->channels[0] != NULL)
    {
      g_autoptr(GString) line = g_string_new ("CATEGORIES:");

      for (guint i = 0; event->channels[i] != NULL; i++)
        {
          g_autofree char *escaped = hd_ical_escape_text (event->channels[i]);

          if (i > 0)
            g_string_append_c (line, ',');
          g_string_append (line, escaped);
        }
      append_line (out, line->str);
    }

  if (event->url != NULL && event->url[0] != '\0')
    {
      g_autofree char *line = g_strconcat ("URL:", event->url, NULL);

      append_line (out, line);
    }

  if (event->zone != NULL && event->zone[0] != '\0')
    append_text_property (out, "X-HERALD-ZONE", event->zone);

  append_utc_property (out, "LAST-MODIFIED", event->last_modified);
  append_line (out, "TRANSP:TRANSPARENT");
  append_line (out, "END:VEVENT");
}

/**
 * hd_ical_write:
 * @events: (array length=n_events): the scheduled posts
 * @now: the export's time, written as each event's DTSTAMP
 *
 * Writes an RFC 5545 calendar with one event per post. Every time is in UTC, so the
 * file needs no VTIMEZONE and a calendar shows each post at its instant in the
 * reader's own zone.
 *
 * Returns: (transfer full): the calendar, with CRLF line ends
 */
char *
hd_ical_write (const HdIcalEvent *events,
               gsize              n_events,
               gint64             now)
{
  GString *out;

  g_return_val_if_fail (events != NULL || n_events == 0, NULL);

  for (gsize i = 0; i < n_events; i++)
    {
      g_return_val_if_fail (events[i].uid != NULL && events[i].uid[0] != '\0', NULL);
      g_return_val_if_fail (events[i].text != NULL, NULL);
      g_return_val_if_fail (g_utf8_validate (events[i].text, -1, NULL), NULL);
      g_return_val_if_fail (events[i].url == NULL || strpbrk (events[i].url, "\r\n") == NULL,
                            NULL);
    }

  out = g_string_sized_new (512 + n_events * 512);
  append_line (out, "BEGIN:VCALENDAR");
  append_line (out, "VERSION:2.0");
  append_line (out, "PRODID:-//The Herald authors//Herald " PACKAGE_VERSION "//EN");
  append_line (out, "CALSCALE:GREGORIAN");
  append_line (out, "METHOD:PUBLISH");

  for (gsize i = 0; i < n_events; i++)
    append_event (out, &events[i], now);

  append_line (out, "END:VCALENDAR");

  return g_string_free (out, FALSE);
}
