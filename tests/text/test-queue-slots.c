/* test-queue-slots.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-queue-slots.h"

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

static GArray *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *slots = hd_queue_slots_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (slots);

  return slots;
}

/* The next free slot after @after, with nothing taken. */
static gint64
next_slot (const char *slots_text,
           const char *zone_name,
           gint64      after)
{
  g_autoptr(GArray) slots = parse (slots_text);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  gint64 instant = 0;

  g_assert_nonnull (zone);
  g_assert_true (hd_queue_slots_next_free ((HdQueueSlot *) slots->data, slots->len, zone, after,
                                           NULL, 0, &instant));

  return instant;
}

static void
test_parse (void)
{
  g_autoptr(GArray) slots = parse ("Mon–Fri 09:30 and 13:00");
  HdQueueSlot *first;
  HdQueueSlot *last;

  g_assert_cmpuint (slots->len, ==, 10);
  first = &g_array_index (slots, HdQueueSlot, 0);
  last = &g_array_index (slots, HdQueueSlot, 9);
  g_assert_cmpint (first->weekday, ==, G_DATE_MONDAY);
  g_assert_cmpint (first->hour, ==, 9);
  g_assert_cmpint (first->minute, ==, 30);
  g_assert_cmpint (last->weekday, ==, G_DATE_FRIDAY);
  g_assert_cmpint (last->hour, ==, 13);
  g_assert_cmpint (last->minute, ==, 0);
}

static void
test_format (void)
{
  static const struct
  {
    const char *input;
    const char *formatted;
  } cases[] = {
    { "Mon–Fri 09:30 and 13:00", "Mon–Fri 09:30 and 13:00" },
    { "mon-fri 13:00, 9:30 sat sunday 10:00", "Mon–Fri 09:30 and 13:00; Sat, Sun 10:00" },
    { "weekdays 08:00; weekends 10:00 and 16:00", "Mon–Fri 08:00; Sat, Sun 10:00 and 16:00" },
    { "Wed 12:00 Mon 12:00 Fri 12:00", "Mon, Wed, Fri 12:00" },
    { "daily 09:00, 12:00 & 18:30", "Mon–Sun 09:00, 12:00 and 18:30" },
    { "Fri–Mon 11:00", "Mon, Fri–Sun 11:00" },
    { "Tue 07:15 Tue 07:15", "Tue 07:15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) slots = parse (cases[i].input);
      g_autofree char *text = hd_queue_slots_format ((HdQueueSlot *) slots->data, slots->len);
      g_autoptr(GArray) again = parse (text);

      g_assert_cmpstr (text, ==, cases[i].formatted);
      g_assert_cmpuint (again->len, ==, slots->len);
      /* Slot by slot, not as memory: the padding after the minute is never written. */
      for (guint j = 0; j < slots->len; j++)
        {
          HdQueueSlot *expected = &g_array_index (slots, HdQueueSlot, j);
          HdQueueSlot *parsed = &g_array_index (again, HdQueueSlot, j);

          g_assert_cmpint (parsed->weekday, ==, expected->weekday);
          g_assert_cmpuint (parsed->hour, ==, expected->hour);
          g_assert_cmpuint (parsed->minute, ==, expected->minute);
        }
    }
}

static void
test_parse_errors (void)
{
  static const char * const bad[] = {
    "09:30", "Mon", "Funday 10:00", "Mon 25:00", "Mon 9:60", "Mon–Fun 10:00", "Mon 0930",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) slots = hd_queue_slots_parse (bad[i], &error);

      g_test_message ("%s: %s", bad[i], error != NULL ? error->message : "accepted");
      g_assert_null (slots);
      g_assert_error (error, HD_QUEUE_SLOTS_ERROR, HD_QUEUE_SLOTS_ERROR_INVALID);
    }
}

static void
test_london_spring (void)
{
  /* Clocks go forward at 01:00 GMT on Sunday 29 March 2026. */
  g_assert_cmpint (next_slot ("daily 09:30", "Europe/London", utc (2026, 3, 28, 0, 0)), ==,
                   utc (2026, 3, 28, 9, 30));
  g_assert_cmpint (next_slot ("daily 09:30", "Europe/London", utc (2026, 3, 28, 10, 0)), ==,
                   utc (2026, 3, 29, 8, 30));
  /* 01:30 does not exist that night; the slot moves to 02:00 BST, the first valid minute */
  g_assert_cmpint (next_slot ("Sun 01:30", "Europe/London", utc (2026, 3, 28, 12, 0)), ==,
                   utc (2026, 3, 29, 1, 0));
  /* and is back at 01:30 the week after */
  g_assert_cmpint (next_slot ("Sun 01:30", "Europe/London", utc (2026, 3, 29, 12, 0)), ==,
                   utc (2026, 4, 5, 0, 30));
}

static void
test_london_autumn (void)
{
  /* Clocks go back at 02:00 BST (01:00 GMT) on Sunday 25 October 2026. */
  g_assert_cmpint (next_slot ("daily 09:30", "Europe/London", utc (2026, 10, 24, 12, 0)), ==,
                   utc (2026, 10, 25, 9, 30));
  g_assert_cmpint (next_slot ("daily 09:30", "Europe/London", utc (2026, 10, 23, 12, 0)), ==,
                   utc (2026, 10, 24, 8, 30));
  /* 01:30 happens twice: the slot is the first, in BST */
  g_assert_cmpint (next_slot ("Sun 01:30", "Europe/London", utc (2026, 10, 24, 12, 0)), ==,
                   utc (2026, 10, 25, 0, 30));
}

static void
test_new_york (void)
{
  /* Spring forward at 02:00 EST on Sunday 8 March 2026, back at 02:00 EDT on 1 November. */
  g_assert_cmpint (next_slot ("daily 09:30", "America/New_York", utc (2026, 3, 7, 15, 0)), ==,
                   utc (2026, 3, 8, 13, 30));
  g_assert_cmpint (next_slot ("daily 09:30", "America/New_York", utc (2026, 3, 7, 0, 0)), ==,
                   utc (2026, 3, 7, 14, 30));
  g_assert_cmpint (next_slot ("Sun 02:30", "America/New_York", utc (2026, 3, 7, 0, 0)), ==,
                   utc (2026, 3, 8, 7, 0));
  g_assert_cmpint (next_slot ("Sun 01:30", "America/New_York", utc (2026, 10, 31, 0, 0)), ==,
                   utc (2026, 11, 1, 5, 30));
  g_assert_cmpint (next_slot ("daily 09:30", "America/New_York", utc (2026, 11, 1, 15, 0)), ==,
                   utc (2026, 11, 2, 14, 30));
}

static void
test_taken_slots_are_skipped (void)
{
  g_autoptr(GArray) slots = parse ("Mon–Fri 09:30 and 13:00");
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  /* Monday 15 June 2026, 08:00 BST */
  gint64 after = utc (2026, 6, 15, 7, 0);
  gint64 taken[] = { utc (2026, 6, 15, 12, 0), utc (2026, 6, 15, 8, 30), utc (2026, 6, 16, 8, 30) };
  gint64 instant = 0;

  g_assert_true (hd_queue_slots_next_free ((HdQueueSlot *) slots->data, slots->len, zone, after,
                                           taken, G_N_ELEMENTS (taken), &instant));
  g_assert_cmpint (instant, ==, utc (2026, 6, 16, 12, 0));

  /* a slot exactly at @after is not after it */
  g_assert_true (hd_queue_slots_next_free ((HdQueueSlot *) slots->data, slots->len, zone,
                                           utc (2026, 6, 19, 12, 0), NULL, 0, &instant));
  g_assert_cmpint (instant, ==, utc (2026, 6, 22, 8, 30));
}

static void
test_every_slot_taken_for_weeks (void)
{
  g_autoptr(GArray) slots = parse ("Mon 09:00");
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  gint64 taken[52];
  gint64 instant = 0;

  /* every Monday of 2027 at 09:00 GMT/BST */
  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_autoptr(GDateTime) local = g_date_time_new (zone, 2027, 1, 4, 9, 0, 0);
      g_autoptr(GDateTime) monday = g_date_time_add_weeks (local, i);

      taken[i] = g_date_time_to_unix (monday);
    }

  g_assert_true (hd_queue_slots_next_free ((HdQueueSlot *) slots->data, slots->len, zone,
                                           utc (2027, 1, 1, 0, 0), taken, G_N_ELEMENTS (taken),
                                           &instant));
  g_assert_cmpint (instant, ==, utc (2028, 1, 3, 9, 0));
}

static void
test_no_slots (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GArray) slots = parse ("");
  gint64 instant = 0;

  g_assert_cmpuint (slots->len, ==, 0);
  g_assert_false (hd_queue_slots_next_free (NULL, 0, zone, 0, NULL, 0, &instant));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/text/queue-slots/parse", test_parse);
  g_test_add_func ("/herald/text/queue-slots/format", test_format);
  g_test_add_func ("/herald/text/queue-slots/parse-errors", test_parse_errors);
  g_test_add_func ("/herald/text/queue-slots/london-spring", test_london_spring);
  g_test_add_func ("/herald/text/queue-slots/london-autumn", test_london_autumn);
  g_test_add_func ("/herald/text/queue-slots/new-york", test_new_york);
  g_test_add_func ("/herald/text/queue-slots/taken-slots-are-skipped",
                   test_taken_slots_are_skipped);
  g_test_add_func ("/herald/text/queue-slots/every-slot-taken-for-weeks",
                   test_every_slot_taken_for_weeks);
  g_test_add_func ("/herald/text/queue-slots/no-slots", test_no_slots);

  return g_test_run ();
}
