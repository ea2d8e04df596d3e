/* test-csv.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-csv.h"

static const HdCsvChannel channels[] = {
  { "Mastodon", HD_CHANNEL_KIND_MASTODON, 0 },
  { "Bluesky", HD_CHANNEL_KIND_BLUESKY, 0 },
  { "X", HD_CHANNEL_KIND_X, 0 },
  { "Bakery Instagram", HD_CHANNEL_KIND_INSTAGRAM, 0 },
};

#define HEADER "date,time,zone,channels,text,media,labels\n"

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

static GPtrArray *
read_string (const char  *data,
             GError     **error)
{
  return hd_csv_read (data, strlen (data), error);
}

static GPtrArray *
read_posts (const char  *data,
            GError     **error)
{
  return hd_csv_read_posts (data, strlen (data), "Europe/London", channels,
                            G_N_ELEMENTS (channels), error);
}

static HdCsvRecord *
record_at (GPtrArray *records,
           guint      index)
{
  g_assert_cmpuint (index, <, records->len);
  return g_ptr_array_index (records, index);
}

static HdCsvPost *
post_at (GPtrArray *posts,
         guint      index)
{
  g_assert_cmpuint (index, <, posts->len);
  return g_ptr_array_index (posts, index);
}

static void
test_quoted_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records =
    read_string ("a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n,\"\",\r\n", &error);
  HdCsvRecord *record;

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);

  record = record_at (records, 1);
  g_assert_cmpuint (record->n_fields, ==, 3);
  g_assert_cmpstr (record->fields[0], ==, "1");
  g_assert_cmpstr (record->fields[1], ==, "x, y");
  g_assert_cmpstr (record->fields[2], ==, "he said \"hi\"");

  record = record_at (records, 2);
  g_assert_cmpuint (record->n_fields, ==, 3);
  g_assert_cmpstr (record->fields[0], ==, "");
  g_assert_cmpstr (record->fields[1], ==, "");
  g_assert_cmpstr (record->fields[2], ==, "");
}

static void
test_embedded_newlines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records =
    read_string ("a,b\n\"first line\r\nsecond line\nthird\",z\n\nlast,1", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (record_at (records, 1)->fields[0], ==, "first line\nsecond line\nthird");
  g_assert_cmpstr (record_at (records, 1)->fields[1], ==, "z");
  g_assert_cmpuint (record_at (records, 1)->line, ==, 2);
  /* the record after a three-line field and a blank line starts on line 6 */
  g_assert_cmpuint (record_at (records, 2)->line, ==, 6);
  g_assert_cmpstr (record_at (records, 2)->fields[0], ==, "last");
}

static void
test_bom_and_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_string ("\xEF\xBB\xBF" "date,time\r\n2026-04-01,09:30\r\n",
                                              &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (record_at (records, 0)->fields[0], ==, "date");
  g_assert_cmpstr (record_at (records, 1)->fields[1], ==, "09:30");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_string ("a,b\nc,d\ne,caf\xE9\n", &error);

  g_assert_null (records);
  g_assert_error (error, HD_CSV_ERROR, HD_CSV_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "Line 3"));
}

static void
test_unterminated_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_string ("a,b\n1,2\n3,\"never\nclosed\n", &error);

  g_assert_null (records);
  g_assert_error (error, HD_CSV_ERROR, HD_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (error->message, "line 3"));
}

static void
test_text_after_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_string ("a,b\n\"x\"y,2\n", &error);

  g_assert_null (records);
  g_assert_error (error, HD_CSV_ERROR, HD_CSV_ERROR_TEXT_AFTER_QUOTE);
  g_assert_nonnull (strstr (error->message, "Line 2"));
}

static void
test_writer (void)
{
  const char *fields[] = {
    "plain", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1:A9)", "-5% off", "@bakery", "+44",
    "'=kept", "", "it's",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  hd_csv_append_record (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=SUM(A1:A9),'-5% off,"
                   "'@bakery,'+44,''=kept,,it's\r\n");
}

static void
test_writer_round_trip (void)
{
  const char *fields[] = { "one, two", "line\nbreak", "\"quoted\"", "", "é 👍" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  HdCsvRecord *record;

  hd_csv_append_record (out, fields, G_N_ELEMENTS (fields));
  hd_csv_append_record (out, fields, G_N_ELEMENTS (fields));
  records = read_string (out->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  record = record_at (records, 1);
  g_assert_cmpuint (record->n_fields, ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (record->fields[i], ==, fields[i]);
  g_assert_cmpuint (record->line, ==, 3);
}

static void
test_posts_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = read_posts (
    HEADER
    "2026-04-01,09:30,Europe/London,Mastodon; bluesky,\"Fresh bread, 8am!\","
    "img/a.jpg|img/b.jpg,spring;sale\n"
    "2026-04-01,9:05,,x,Hello,,\n"
    "2026-04-01,09:30:15,America/New_York,Bakery Instagram,\"Line one\nline two\",,\n",
    &error);
  HdCsvPost *post;

  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);

  post = post_at (posts, 0);
  g_assert_true (post->valid);
  g_assert_null (post->reason);
  g_assert_cmpuint (post->line, ==, 2);
  /* 09:30 BST */
  g_assert_cmpint (post->instant, ==, utc (2026, 4, 1, 8, 30));
  g_assert_cmpstr (post->zone, ==, "Europe/London");
  g_assert_cmpuint (g_strv_length (post->channels), ==, 2);
  g_assert_cmpstr (post->channels[0], ==, "Mastodon");
  g_assert_cmpstr (post->channels[1], ==, "Bluesky");
  g_assert_cmpstr (post->text, ==, "Fresh bread, 8am!");
  g_assert_cmpuint (g_strv_length (post->media), ==, 2);
  g_assert_cmpstr (post->media[1], ==, "img/b.jpg");
  g_assert_cmpuint (g_strv_length (post->labels), ==, 2);
  g_assert_cmpstr (post->labels[0], ==, "spring");

  /* an empty zone takes the default one */
  post = post_at (posts, 1);
  g_assert_true (post->valid);
  g_assert_cmpint (post->instant, ==, utc (2026, 4, 1, 8, 5));
  g_assert_cmpstr (post->zone, ==, "Europe/London");
  g_assert_cmpstr (post->channels[0], ==, "X");
  g_assert_cmpuint (g_strv_length (post->media), ==, 0);

  post = post_at (posts, 2);
  g_assert_true (post->valid);
  g_assert_cmpuint (post->line, ==, 4);
  g_assert_cmpint (post->instant, ==, utc (2026, 4, 1, 13, 30) + 15);
  g_assert_cmpstr (post->text, ==, "Line one\nline two");
}

typedef struct
{
  const char *row;
  const char *reason_part;
} BadRow;

static void
test_posts_rejected (void)
{
  static const BadRow bad_rows[] = {
    { "27/03/2026,09:30,,Mastodon,Hi,,", "“27/03/2026” is not a date" },
    { "2026-02-30,09:30,,Mastodon,Hi,,", "“2026-02-30” is not a date" },
    { "0031-05-04,09:30,,Mastodon,Hi,,", "“0031-05-04” is not a date" },
    { ",09:30,,Mastodon,Hi,,", "The date is missing" },
    { "2026-03-27,25:00,,Mastodon,Hi,,", "“25:00” is not a time" },
    { "2026-03-27,9.30,,Mastodon,Hi,,", "“9.30” is not a time" },
    { "2026-03-27,09:30,Mars/Olympus,Mastodon,Hi,,", "“Mars/Olympus” is not a time zone" },
    { "2026-03-27,09:30,,Threads,Hi,,", "“Threads” is not one of your channels" },
    { "2026-03-27,09:30,,,Hi,,", "No channel is given" },
    { "2026-03-27,09:30,,Mastodon,  ,,", "The text is empty" },
    { "2026-03-29,01:30,Europe/London,Mastodon,Hi,,",
      "01:30 on 2026-03-29 does not exist in Europe/London" },
    { "2026-03-27,09:30,,Mastodon,Hi,,,extra", "has 8 fields" },
  };
  g_autoptr(GString) file = g_string_new (HEADER);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    g_string_append_printf (file, "%s\n", bad_rows[i].row);

  posts = read_posts (file->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, G_N_ELEMENTS (bad_rows));

  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      HdCsvPost *post = post_at (posts, i);

      g_test_message ("row %s: %s", bad_rows[i].row, post->reason);
      g_assert_false (post->valid);
      g_assert_cmpuint (post->line, ==, i + 2);
      g_assert_nonnull (post->reason);
      g_assert_nonnull (strstr (post->reason, bad_rows[i].reason_part));
    }
}

static void
test_posts_too_long (void)
{
  g_autofree char *long_text = g_strnfill (292, 'a');
  g_autofree char *file = g_strdup_printf (HEADER
                                           "2026-03-27,09:30,,Mastodon;X,%s,,\n"
                                           "2026-03-27,10:30,,Mastodon,%s,,\n",
                                           long_text, long_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = read_posts (file, &error);

  g_assert_no_error (error);
  g_assert_false (post_at (posts, 0)->valid);
  g_assert_cmpstr (post_at (posts, 0)->reason, ==,
                   "The text is too long for X: 12 characters over X’s limit of 280.");
  /* the same text is fine on Mastodon alone */
  g_assert_true (post_at (posts, 1)->valid);
}

static void
test_posts_dst_overlap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = read_posts (HEADER
                                           "2026-10-25,01:30,,Mastodon,Hi,,\n"
                                           "2026-03-08,02:30,America/New_York,Mastodon,Hi,,\n"
                                           "2026-11-01,01:30,America/New_York,Mastodon,Hi,,\n",
                                           &error);

  g_assert_no_error (error);
  /* 01:30 happens twice in London that night: the first, in BST, is taken */
  g_assert_true (post_at (posts, 0)->valid);
  g_assert_cmpint (post_at (posts, 0)->instant, ==, utc (2026, 10, 25, 0, 30));
  g_assert_false (post_at (posts, 1)->valid);
  g_assert_true (post_at (posts, 2)->valid);
  g_assert_cmpint (post_at (posts, 2)->instant, ==, utc (2026, 11, 1, 5, 30));
}

static void
test_posts_file_errors (void)
{
  struct
  {
    const char *data;
    int         code;
  } files[] = {
    { "", HD_CSV_ERROR_EMPTY },
    { "\xEF\xBB\xBF", HD_CSV_ERROR_EMPTY },
    { "\n\r\n", HD_CSV_ERROR_EMPTY },
    { "2026-03-27,09:30,,Mastodon,Hi,,\n", HD_CSV_ERROR_BAD_HEADER },
    { "date,time,channels\n", HD_CSV_ERROR_BAD_HEADER },
    { "date,time,channels,text,date\n", HD_CSV_ERROR_BAD_HEADER },
    { HEADER "2026-03-27,09:30,,Mastodon,\"Hi,,\n", HD_CSV_ERROR_UNTERMINATED_QUOTE },
    { HEADER "2026-03-27,09:30,,Mastodon,\xC3\x28,,\n", HD_CSV_ERROR_INVALID_UTF8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) posts = read_posts (files[i].data, &error);

      g_assert_null (posts);
      g_assert_error (error, HD_CSV_ERROR, files[i].code);
    }
}

static void
test_posts_header_only_and_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = read_posts ("date,time,zone,channels,text,media,labels\r\n",
                                          &error);
  g_autoptr(GPtrArray) reordered = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  reordered = read_posts ("Text,Channels,Time,Date\r\nHello,Mastodon,12:00,2026-06-01\r\n"
                          ",,,\r\n",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reordered->len, ==, 1);
  g_assert_true (post_at (reordered, 0)->valid);
  g_assert_cmpint (post_at (reordered, 0)->instant, ==, utc (2026, 6, 1, 11, 0));
}

static void
test_posts_export_round_trip (void)
{
  char *channels_a[] = { "Mastodon", "X", NULL };
  char *media_a[] = { "photos/loaf.jpg", NULL };
  char *labels_a[] = { "bread", NULL };
  char *none[] = { NULL };
  HdCsvPost originals[] = {
    { .instant = utc (2026, 3, 29, 8, 30), .zone = "Europe/London", .channels = channels_a,
      .text = "=1+1 is \"two\",\nsays the baker", .media = media_a, .labels = labels_a },
    { .instant = utc (2026, 11, 1, 5, 30), .zone = "America/New_York", .channels = channels_a,
      .text = "-20% today", .media = none, .labels = none },
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  hd_csv_append_post_header (out);
  for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
    hd_csv_append_post (out, &originals[i]);

  /* a spreadsheet opening the export must not see a formula */
  g_assert_null (strstr (out->str, ",\"=1"));
  g_assert_nonnull (strstr (out->str, ",\"'=1+1"));
  g_assert_nonnull (strstr (out->str, ",'-20% today,"));

  posts = read_posts (out->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, G_N_ELEMENTS (originals));
  for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
    {
      HdCsvPost *post = post_at (posts, i);

      g_assert_true (post->valid);
      g_assert_cmpint (post->instant, ==, originals[i].instant);
      g_assert_cmpstr (post->zone, ==, originals[i].zone);
      g_assert_cmpstr (post->text, ==, originals[i].text);
      g_assert_true (g_strv_equal ((const char * const *) post->channels,
                                   (const char * const *) originals[i].channels));
      g_assert_true (g_strv_equal ((const char * const *) post->media,
                                   (const char * const *) originals[i].media));
      g_assert_true (g_strv_equal ((const char * const *) post->labels,
                                   (const char * const *) originals[i].labels));
    }
}

static void
test_posts_ten_thousand_rows (void)
{
  g_autoptr(GString) file = g_string_new (HEADER);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (file, "2026-%02u-%02u,%02u:%02u,Europe/London,Mastodon;X,"
                            "\"Post %u, with a link https://example.com/%u\",,daily\n",
                            i % 12 + 1, i % 28 + 1, i % 24, i % 60, i, i);

  posts = read_posts (file->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 10000);
  for (guint i = 0; i < posts->len; i++)
    {
      HdCsvPost *post = post_at (posts, i);

      /* 01:xx on 29 March would be in the gap, but day 29 is never generated here */
      g_assert_true (post->valid);
      g_assert_cmpuint (post->line, ==, i + 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/text/csv/quoted-fields", test_quoted_fields);
  g_test_add_func ("/herald/text/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/herald/text/csv/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/herald/text/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/herald/text/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/herald/text/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/herald/text/csv/writer", test_writer);
  g_test_add_func ("/herald/text/csv/writer-round-trip", test_writer_round_trip);
  g_test_add_func ("/herald/text/csv/posts-valid", test_posts_valid);
  g_test_add_func ("/herald/text/csv/posts-rejected", test_posts_rejected);
  g_test_add_func ("/herald/text/csv/posts-too-long", test_posts_too_long);
  g_test_add_func ("/herald/text/csv/posts-dst-overlap", test_posts_dst_overlap);
  g_test_add_func ("/herald/text/csv/posts-file-errors", test_posts_file_errors);
  g_test_add_func ("/herald/text/csv/posts-header-only-and-order",
                   test_posts_header_only_and_order);
  g_test_add_func ("/herald/text/csv/posts-export-round-trip", test_posts_export_round_trip);
  g_test_add_func ("/herald/text/csv/posts-ten-thousand-rows", test_posts_ten_thousand_rows);

  return g_test_run ();
}
