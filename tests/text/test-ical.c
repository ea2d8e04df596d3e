/* test-ical.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hd-ical.h"

#define LONG_TEXT \
  "Our spring menu is here; come and try it, friends!\n" \
  "Crème brûlée, pain au chocolat and a café crème 👨‍👩‍👧‍👦 for the family: " \
  "étoiles, émeraudes, éclairs, éventails, écharpes — all baked at C:\\Bakery\\Oven."

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* Not a comma in a name: icalendar 4.0 (Debian 12) splits CATEGORIES on escaped commas too,
 * against RFC 5545 3.3.11; test_escape covers commas. */
static const char * const two_channels[] = { "Mastodon", "Bluesky; main", NULL };

static char *
write_sample (void)
{
  const HdIcalEvent events[] = {
    {
      .uid = "6f1c2a9e-8d5b-4b8e-9a53-2f1f0c1d7e01",
      .instant = utc (2026, 3, 29, 8, 30),
      .zone = "Europe/London",
      .text = LONG_TEXT,
      .channels = two_channels,
      .url = "https://example.social/@bakery/112233445566778899",
      .last_modified = utc (2026, 3, 1, 12, 0),
    },
    {
      .uid = "0b7d9c43-1e7f-4f0a-8c1e-77a0d2b9f302",
      .instant = utc (2026, 11, 1, 6, 0),
      .zone = "America/New_York",
      .text = "Short",
      .channels = NULL,
      .url = NULL,
      .last_modified = utc (2026, 10, 1, 12, 0),
    },
  };

  return hd_ical_write (events, G_N_ELEMENTS (events), utc (2026, 3, 2, 10, 0));
}

static char *
unfold (const char *calendar)
{
  GString *out = g_string_new (NULL);

  for (const char *p = calendar; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
        {
          p += 2;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
test_escape (void)
{
  g_autofree char *escaped = hd_ical_escape_text ("a\\b;c,d\ne\r\nf\rg");

  g_assert_cmpstr (escaped, ==, "a\\\\b\\;c\\,d\\ne\\nf\\ng");
}

static void
test_lines_and_folding (void)
{
  g_autofree char *calendar = write_sample ();
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  guint folded = 0;

  g_assert_nonnull (calendar);
  g_assert_true (g_str_has_suffix (calendar, "END:VCALENDAR\r\n"));

  /* every line ends in CRLF: no LF without its CR */
  for (const char *p = strchr (calendar, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    g_assert_cmpint (p[-1], ==, '\r');

  lines = g_strsplit (calendar, "\r\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      /* folding never cuts a UTF-8 sequence in two */
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_null (strchr (lines[i], '\r'));
      if (lines[i][0] == ' ')
        folded++;
    }
  g_assert_cmpuint (folded, >=, 3);
}

static void
test_content (void)
{
  g_autofree char *calendar = write_sample ();
  g_autofree char *unfolded = unfold (calendar);
  g_autofree char *description = NULL;

  g_assert_true (g_str_has_prefix (calendar, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTART:20260329T083000Z\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTART:20261101T060000Z\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDTSTAMP:20260302T100000Z\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nDURATION:PT15M\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nCATEGORIES:Mastodon,Bluesky\\; main\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nLAST-MODIFIED:20260301T120000Z\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nSUMMARY:Our spring menu is here\\; "
                                      "come and try it\\, friends!\r\n"));

  description = g_strconcat ("\r\nDESCRIPTION:Our spring menu is here\\; come and try it\\, "
                             "friends!\\nCrème brûlée\\, pain au chocolat", NULL);
  g_assert_nonnull (strstr (unfolded, description));
  g_assert_nonnull (strstr (unfolded, "C:\\\\Bakery\\\\Oven.\r\n"));
  /* no time zone is needed, because every time is UTC */
  g_assert_null (strstr (unfolded, "VTIMEZONE"));
  g_assert_null (strstr (unfolded, "TZID"));
}

static void
test_empty_calendar (void)
{
  g_autofree char *calendar = hd_ical_write (NULL, 0, utc (2026, 1, 1, 0, 0));

  g_assert_true (g_str_has_prefix (calendar, "BEGIN:VCALENDAR\r\n"));
  g_assert_null (strstr (calendar, "VEVENT"));
  g_assert_true (g_str_has_suffix (calendar, "END:VCALENDAR\r\n"));
}

static char *
to_hex (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    g_string_append_printf (out, "%02x", *p);

  return g_string_free (out, FALSE);
}

static void
test_real_parser (void)
{
  g_autofree char *calendar = write_sample ();
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "posts.ics", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *long_hex = to_hex (LONG_TEXT);
  g_autofree char *summary_hex = to_hex ("Our spring menu is here; come and try it, friends!");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { PYTHON3, CHECK_ICAL, path, NULL };
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, calendar, -1, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-ical.py could not read the calendar: %s", err);

  g_string_append (expected, "version 2.0\n");
  g_string_append_printf (expected, "prodid -//The Herald authors//Herald %s//EN\n",
                          PACKAGE_VERSION);
  g_string_append_printf (expected,
                          "event\n"
                          "uid 6f1c2a9e-8d5b-4b8e-9a53-2f1f0c1d7e01\n"
                          "dtstamp 2026-03-02T10:00:00+00:00\n"
                          "dtstart 2026-03-29T08:30:00+00:00\n"
                          "duration 900\n"
                          "summary %s\n"
                          "description %s\n"
                          "categories Mastodon|Bluesky; main\n"
                          "url https://example.social/@bakery/112233445566778899\n"
                          "last-modified 2026-03-01T12:00:00+00:00\n",
                          summary_hex, long_hex);
  g_string_append (expected,
                   "event\n"
                   "uid 0b7d9c43-1e7f-4f0a-8c1e-77a0d2b9f302\n"
                   "dtstamp 2026-03-02T10:00:00+00:00\n"
                   "dtstart 2026-11-01T06:00:00+00:00\n"
                   "duration 900\n"
                   "summary 53686f7274\n"
                   "description 53686f7274\n"
                   "last-modified 2026-10-01T12:00:00+00:00\n");

  g_assert_cmpstr (out, ==, expected->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/text/ical/escape", test_escape);
  g_test_add_func ("/herald/text/ical/lines-and-folding", test_lines_and_folding);
  g_test_add_func ("/herald/text/ical/content", test_content);
  g_test_add_func ("/herald/text/ical/empty-calendar", test_empty_calendar);
  g_test_add_func ("/herald/text/ical/real-parser", test_real_parser);

  return g_test_run ();
}
