/* test-import.c: CSV import (check, all or nothing), CSV and iCalendar export.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "hd-test-store.h"

static HdImportReport *
check_text (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  HdImportReport *report = NULL;

  hd_store_check_csv (fixture->store, bytes, "Europe/London", &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static gint64
everything (Fixture *fixture)
{
  return count_rows (fixture, "SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM labels)"
                              " + (SELECT count(*) FROM post_variants)"
                              " + (SELECT count(*) FROM media) + (SELECT count(*) FROM outbox)");
}

static void
test_check_and_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdImportReport) report = NULL;
  g_autoptr(GListModel) posts = NULL;
  g_autoptr(HdPost) future = NULL;
  g_autoptr(HdPost) past = NULL;
  guint n_imported = 0;
  guint line;
  gboolean valid;
  const char *reason;

  report = check_text (fixture,
                       "date,time,zone,channels,text,labels\n"
                       "2031-05-04,09:30,Europe/London,mastodon;Sky,\"Fresh bread, \"\"warm\"\"\","
                       "Bakes;Offers\n"
                       "2031-05-04,25:00,,Sky,Bad time,\n"
                       "2020-01-02,08:00,America/New_York,toots,Long ago,Bakes\n"
                       "2031-06-01,10:00,,Facebook,Unknown channel,\n");
  g_assert_cmpuint (hd_import_report_get_n_rows (report), ==, 4);
  g_assert_cmpuint (hd_import_report_get_n_valid (report), ==, 2);
  g_assert_cmpuint (hd_import_report_get_n_invalid (report), ==, 2);

  hd_import_report_get_row (report, 1, &line, &valid, &reason, NULL, NULL);
  g_assert_cmpuint (line, ==, 3);
  g_assert_false (valid);
  g_assert_nonnull (strstr (reason, "25:00"));
  hd_import_report_get_row (report, 3, &line, &valid, &reason, NULL, NULL);
  g_assert_cmpuint (line, ==, 5);
  g_assert_nonnull (strstr (reason, "Facebook"));

  /* Checking writes nothing. */
  g_assert_cmpint (everything (fixture), ==, 0);

  hd_store_import_csv (fixture->store, report, &n_imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 2);

  posts = hd_store_list_posts (fixture->store, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 2);
  past = g_list_model_get_item (posts, 0);
  future = g_list_model_get_item (posts, 1);

  /* In the future: scheduled on both channels, queued to send on each. */
  g_assert_cmpstr (hd_post_get_text (future), ==, "Fresh bread, \"warm\"");
  g_assert_cmpint (hd_post_get_state (future), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpstr (hd_post_get_time_zone (future), ==, "Europe/London");
  g_assert_cmpint (hd_post_get_scheduled_at (future), ==, 1935649800); /* 08:30 UTC, BST */
  g_assert_nonnull (hd_post_find_variant (future, hd_channel_get_id (mastodon)));
  g_assert_nonnull (hd_post_find_variant (future, hd_channel_get_id (bluesky)));
  g_assert_true (hd_post_has_label (future, "Offers"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE operation = 'publish'"),
                   ==, 2);

  /* In the past: kept as a draft with its date, nothing to send. */
  g_assert_cmpint (hd_post_get_state (past), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_time_zone (past), ==, "America/New_York");
  g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (past)), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM labels"), ==, 2);
}

static void
test_rejected_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) not_csv = g_bytes_new_static ("\xff\xfe\x00garbage", 10);
  g_autoptr(GBytes) no_header = g_bytes_new_static ("hello,world\n1,2\n", 16);
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  HdImportReport *report = NULL;
  gint64 before = everything (fixture);

  g_assert_false (hd_store_check_csv (fixture->store, not_csv, NULL, &report, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_null (report);
  g_clear_error (&error);

  g_assert_false (hd_store_check_csv (fixture->store, no_header, NULL, &report, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "date"));
  g_clear_error (&error);

  g_assert_cmpint (everything (fixture), ==, before);
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  g_autofree char *good = g_build_filename (fixture->dir, "good.png", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.png", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(HdImportReport) report = NULL;
  guint n_imported = 0;

  gdk_pixbuf_fill (pixbuf, 0xff8800ff);
  gdk_pixbuf_save (pixbuf, good, "png", &error, NULL);
  g_assert_no_error (error);
  g_file_set_contents (bad, "not a picture", -1, &error);
  g_assert_no_error (error);

  /* Both files exist when checked; the second is no picture, found only on import, after the
   * first row has been written. */
  csv = g_strdup_printf ("date,time,channels,text,media,labels\n"
                         "2031-01-01,10:00,mastodon,First,%s,New label\n"
                         "2031-01-02,10:00,mastodon,Second,%s,\n", good, bad);
  report = check_text (fixture, csv);
  g_assert_cmpuint (hd_import_report_get_n_valid (report), ==, 2);

  g_assert_false (hd_store_import_csv (fixture->store, report, &n_imported, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Line 3: "));
  g_assert_cmpuint (n_imported, ==, 0);

  /* All or nothing: not the first post, its label, its media row or its outbox rows. */
  g_assert_cmpint (everything (fixture), ==, 0);
}

static void
test_ten_thousand_rows (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(GString) csv = g_string_new ("date,time,zone,channels,text,labels\n");
  g_autoptr(HdImportReport) report = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint n_imported = 0;
  double check_seconds, import_seconds;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "2031-%02u-%02u,%02u:%02u,Europe/London,mastodon;Sky,"
                                 "Post number %u of the big plan #bakery,Batch %u\n",
                            1 + i % 12, 1 + i % 28, 8 + i % 10, i % 60, i, i % 7);

  timer = g_timer_new ();
  report = check_text (fixture, csv->str);
  check_seconds = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (hd_import_report_get_n_valid (report), ==, 10000);

  g_timer_start (timer);
  hd_store_import_csv (fixture->store, report, &n_imported, &error);
  import_seconds = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 10000);

  g_test_message ("Checked 10,000 rows in %.3f s, imported them in %.3f s", check_seconds,
                  import_seconds);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM posts"), ==, 10000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM post_variants"), ==, 20000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 20000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM labels"), ==, 7);

  /* The promise of the issue, held to when timing is asked for (-m perf): on a shared,
   * loaded machine or under sanitizers the wall clock says more about the neighbours. */
  if (g_test_perf ())
    g_assert_cmpfloat (import_seconds, <, 1.0);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = save_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Toots");
  g_autoptr(HdChannel) bluesky = save_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Sky");
  g_autoptr(HdPost) one = new_post_on ("Open day, all welcome\nBring friends",
                                       HD_POST_STATE_SCHEDULED, 1967358600, mastodon, bluesky,
                                       NULL);
  g_autoptr(HdPost) two = new_post_on ("Second", HD_POST_STATE_SCHEDULED, 1967445000,
                                       mastodon, NULL);
  g_autoptr(HdPost) draft = new_post_on ("Just a draft", HD_POST_STATE_DRAFT, 1967400000,
                                         bluesky, NULL);
  g_autoptr(HdPost) idea = new_post_on ("Undated idea", HD_POST_STATE_IDEA, 0, bluesky, NULL);
  g_autoptr(HdPost) outside = new_post_on ("Next year", HD_POST_STATE_SCHEDULED, 1999000000,
                                           bluesky, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(HdImportReport) report = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *uid = NULL;
  const char *text;
  guint n_events = 0;

  hd_post_set_labels (one, (const char *[]) { "Events", NULL });
  save_post (fixture, one);
  save_post (fixture, two);
  save_post (fixture, draft);
  save_post (fixture, idea);
  save_post (fixture, outside);

  /* CSV: every dated post in range, in a form that imports back. */
  hd_store_export_csv (fixture->store, 1960000000, 1990000000, out, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (out->str, "date,time,zone,channels,text,media,labels"));
  g_assert_nonnull (strstr (out->str, "2032-05-05,09:30,Europe/London,Toots; Sky,"
                                      "\"Open day, all welcome\nBring friends\",,Events"));
  g_assert_null (strstr (out->str, "Undated idea"));
  g_assert_null (strstr (out->str, "Next year"));

  report = check_text (fixture, out->str);
  g_assert_cmpuint (hd_import_report_get_n_rows (report), ==, 3);
  g_assert_cmpuint (hd_import_report_get_n_valid (report), ==, 3);
  hd_import_report_get_row (report, 0, NULL, NULL, NULL, NULL, &text);
  g_assert_cmpstr (text, ==, "Open day, all welcome\nBring friends");

  /* iCalendar: one event per scheduled post in range, keyed by the post. */
  ics = hd_store_export_ics (fixture->store, 1960000000, 1990000000, 1900000000, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  for (const char *p = ics; (p = strstr (p, "BEGIN:VEVENT\r\n")) != NULL; p++)
    n_events++;
  g_assert_cmpuint (n_events, ==, 2);
  uid = g_strdup_printf ("UID:%s@", hd_post_get_id (one));
  g_assert_nonnull (strstr (ics, uid));
  g_assert_nonnull (strstr (ics, "DTSTART:20320505T083000Z"));
  g_assert_null (strstr (ics, "Just a draft"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/store/import/check-and-import", Fixture, NULL, fixture_set_up,
              test_check_and_import, fixture_tear_down);
  g_test_add ("/herald/store/import/rejected-file", Fixture, NULL, fixture_set_up,
              test_rejected_file, fixture_tear_down);
  g_test_add ("/herald/store/import/rollback", Fixture, NULL, fixture_set_up, test_rollback,
              fixture_tear_down);
  g_test_add ("/herald/store/import/10000-rows", Fixture, NULL, fixture_set_up,
              test_ten_thousand_rows, fixture_tear_down);
  g_test_add ("/herald/store/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);

  return g_test_run ();
}
