/* hd-queue-slots.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "hd-queue-slots.h"
#include "hd-wall-time.h"

G_DEFINE_QUARK (hd-queue-slots-error-quark, hd_queue_slots_error)

/* The written form is also the stored one, so its day names are not translated. */
static const char * const day_abbreviations[] = {
  NULL, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static const struct
{
  const char *word;
  guint8      days;
} day_words[] = {
  { "mon", 1 << G_DATE_MONDAY }, { "monday", 1 << G_DATE_MONDAY },
  { "tue", 1 << G_DATE_TUESDAY }, { "tues", 1 << G_DATE_TUESDAY },
  { "tuesday", 1 << G_DATE_TUESDAY },
  { "wed", 1 << G_DATE_WEDNESDAY }, { "wednesday", 1 << G_DATE_WEDNESDAY },
  { "thu", 1 << G_DATE_THURSDAY }, { "thur", 1 << G_DATE_THURSDAY },
  { "thurs", 1 << G_DATE_THURSDAY }, { "thursday", 1 << G_DATE_THURSDAY },
  { "fri", 1 << G_DATE_FRIDAY }, { "friday", 1 << G_DATE_FRIDAY },
  { "sat", 1 << G_DATE_SATURDAY }, { "saturday", 1 << G_DATE_SATURDAY },
  { "sun", 1 << G_DATE_SUNDAY }, { "sunday", 1 << G_DATE_SUNDAY },
  { "weekdays", 0x3E }, { "weekends", 0xC0 }, { "daily", 0xFE }, { "everyday", 0xFE },
};

#define MINUTES_PER_WEEK (7 * 24 * 60)

static guint8
day_bits_for_word (const char *word,
                   gsize       length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (day_words); i++)
    if (strlen (day_words[i].word) == length
        && g_ascii_strncasecmp (day_words[i].word, word, length) == 0)
      return day_words[i].days;

  return 0;
}

static GDateWeekday
single_day (guint8 bits)
{
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    if (bits == (1 << day))
      return day;

  return G_DATE_BAD_WEEKDAY;
}

static guint8
day_range (GDateWeekday first,
           GDateWeekday last)
{
  guint8 bits = 0;

  for (GDateWeekday day = first; ; day = day % 7 + 1)
    {
      bits |= 1 << day;
      if (day == last)
        break;
    }

  return bits;
}

static gboolean
parse_time (const char *token,
            gsize       length,
            int        *minute_of_day)
{
  char *end = NULL;
  guint64 hour;
  guint64 minute;

  if (length < 4 || length > 5 || !g_ascii_isdigit (token[0]))
    return FALSE;

  hour = g_ascii_strtoull (token, &end, 10);
  if (*end != ':' || end - token > 2 || token + length - (end + 1) != 2
      || !g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]))
    return FALSE;
  minute = (end[1] - '0') * 10 + (end[2] - '0');
  if (hour > 23 || minute > 59)
    return FALSE;

  *minute_of_day = hour * 60 + minute;
  return TRUE;
}

/* A day word, or two joined by a dash ("Mon–Fri", "Mon-Fri"). */
static guint8
parse_days (const char *token,
            gsize       length)
{
  const char *dash = NULL;
  gsize dash_length = 0;
  GDateWeekday first;
  GDateWeekday last;

  for (gsize i = 0; i < length; i++)
    {
      if (token[i] == '-')
        {
          dash = token + i;
          dash_length = 1;
          break;
        }
      if (strncmp (token + i, "–", strlen ("–")) == 0)
        {
          dash = token + i;
          dash_length = strlen ("–");
          break;
        }
    }

  if (dash == NULL)
    return day_bits_for_word (token, length);

  first = single_day (day_bits_for_word (token, dash - token));
  last = single_day (day_bits_for_word (dash + dash_length, token + length - dash - dash_length));
  if (first == G_DATE_BAD_WEEKDAY || last == G_DATE_BAD_WEEKDAY)
    return 0;

  return day_range (first, last);
}

static void
add_group (GArray *minutes_of_week,
           guint8  days,
           GArray *times)
{
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      if ((days & (1 << day)) == 0)
        continue;
      for (guint i = 0; i < times->len; i++)
        {
          int minute = (day - 1) * 24 * 60 + g_array_index (times, int, i);

          g_array_append_val (minutes_of_week, minute);
        }
    }
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

static gboolean
is_separator (const char *p)
{
  return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',' || *p == ';';
}

/**
 * hd_queue_slots_parse:
 * @text: slots as people write them: "Mon–Fri 09:30 and 13:00; Sat, Sun 10:00"
 *
 * Days are English names or abbreviations, ranges joined by a dash, "weekdays",
 * "weekends" or "daily"; times are 24-hour HH:MM. Each run of days takes the times
 * that follow it.
 *
 * Returns: (transfer full) (element-type HdQueueSlot): the slots in weekly order without
 *   repeats, or %NULL with @error set
 */
GArray *
hd_queue_slots_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(GArray) minutes = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GArray) slots = NULL;
  const char *p = text;
  guint8 days = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  minutes = g_array_new (FALSE, FALSE, sizeof (int));
  times = g_array_new (FALSE, FALSE, sizeof (int));

  while (TRUE)
    {
      const char *token;
      gsize length;
      guint8 token_days;
      int minute_of_day;

      while (*p != '\0' && is_separator (p))
        p++;
      if (*p == '\0')
        break;

      token = p;
      while (*p != '\0' && !is_separator (p))
        p++;
      length = p - token;

      if ((length == 3 && g_ascii_strncasecmp (token, "and", 3) == 0)
          || (length == 1 && *token == '&'))
        continue;

      if (parse_time (token, length, &minute_of_day))
        {
          if (days == 0)
            {
              g_set_error (error, HD_QUEUE_SLOTS_ERROR, HD_QUEUE_SLOTS_ERROR_INVALID,
                           _("Say which days %.*s is on, for example “Mon–Fri %.*s”."),
                           (int) length, token, (int) length, token);
              return NULL;
            }
          g_array_append_val (times, minute_of_day);
          continue;
        }

      if (g_ascii_isdigit (*token))
        {
          g_set_error (error, HD_QUEUE_SLOTS_ERROR, HD_QUEUE_SLOTS_ERROR_INVALID,
                       _("“%.*s” is not a time; write times on the 24-hour clock, like 09:30."),
                       (int) length, token);
          return NULL;
        }

      token_days = parse_days (token, length);
      if (token_days == 0)
        {
          g_set_error (error, HD_QUEUE_SLOTS_ERROR, HD_QUEUE_SLOTS_ERROR_INVALID,
                       _("“%.*s” is neither a day nor a time like 09:30."),
                       (int) length, token);
          return NULL;
        }

      /* A day after times starts the next group: "Mon 09:00 Sat 10:00". */
      if (times->len > 0)
        {
          add_group (minutes, days, times);
          g_array_set_size (times, 0);
          days = 0;
        }
      days |= token_days;
    }

  if (days != 0 && times->len == 0)
    {
      g_set_error_literal (error, HD_QUEUE_SLOTS_ERROR, HD_QUEUE_SLOTS_ERROR_INVALID,
                           _("Some days have no time: add one like 09:30 after them."));
      return NULL;
    }
  add_group (minutes, days, times);

  g_array_sort (minutes, compare_ints);
  slots = g_array_new (FALSE, FALSE, sizeof (HdQueueSlot));
  for (guint i = 0; i < minutes->len; i++)
    {
      int minute = g_array_index (minutes, int, i);
      HdQueueSlot slot;

      if (i > 0 && minute == g_array_index (minutes, int, i - 1))
        continue;

      slot.weekday = minute / (24 * 60) + 1;
      slot.hour = minute % (24 * 60) / 60;
      slot.minute = minute % 60;
      g_array_append_val (slots, slot);
    }

  return g_steal_pointer (&slots);
}

static void
append_days (GString *out,
             guint8   days)
{
  GDateWeekday day = G_DATE_MONDAY;
  gboolean first = TRUE;

  while (day <= G_DATE_SUNDAY)
    {
      GDateWeekday last;

      if ((days & (1 << day)) == 0)
        {
          day++;
          continue;
        }

      for (last = day; last < G_DATE_SUNDAY && (days & (1 << (last + 1))); last++)
        ;

      if (!first)
        g_string_append (out, ", ");
      first = FALSE;

      if (last - day >= 2)
        g_string_append_printf (out, "%s–%s", day_abbreviations[day], day_abbreviations[last]);
      else if (last - day == 1)
        g_string_append_printf (out, "%s, %s", day_abbreviations[day], day_abbreviations[last]);
      else
        g_string_append (out, day_abbreviations[day]);

      day = last + 1;
    }
}

/**
 * hd_queue_slots_format:
 *
 * Writes slots in the form hd_queue_slots_parse() reads, days that share their times
 * together: "Mon–Fri 09:30 and 13:00; Sat, Sun 10:00".
 *
 * Returns: (transfer full): the text, empty when there are no slots
 */
char *
hd_queue_slots_format (const HdQueueSlot *slots,
                       gsize              n_slots)
{
  g_autoptr(GString) out = g_string_new (NULL);
  /* for each weekday, its times as a sorted, comma-joined key */
  char *keys[8] = { NULL, };
  guint8 done = 0;

  g_return_val_if_fail (slots != NULL || n_slots == 0, NULL);

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (int));
      g_autoptr(GString) key = g_string_new (NULL);

      for (gsize i = 0; i < n_slots; i++)
        if (slots[i].weekday == day)
          {
            int minute = slots[i].hour * 60 + slots[i].minute;

            g_array_append_val (times, minute);
          }
      if (times->len == 0)
        continue;

      g_array_sort (times, compare_ints);
      for (guint i = 0; i < times->len; i++)
        {
          int minute = g_array_index (times, int, i);

          if (i > 0 && minute == g_array_index (times, int, i - 1))
            continue;
          if (key->len > 0)
            g_string_append_c (key, ',');
          g_string_append_printf (key, "%02d:%02d", minute / 60, minute % 60);
        }
      keys[day] = g_string_free (g_steal_pointer (&key), FALSE);
    }

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      g_auto(GStrv) times = NULL;
      guint8 group = 0;
      guint n_times;

      if (keys[day] == NULL || (done & (1 << day)))
        continue;

      for (GDateWeekday other = day; other <= G_DATE_SUNDAY; other++)
        if (keys[other] != NULL && strcmp (keys[other], keys[day]) == 0)
          group |= 1 << other;
      done |= group;

      if (out->len > 0)
        g_string_append (out, "; ");
      append_days (out, group);
      g_string_append_c (out, ' ');

      times = g_strsplit (keys[day], ",", -1);
      n_times = g_strv_length (times);
      for (guint i = 0; i < n_times; i++)
        {
          if (i > 0)
            g_string_append (out, i + 1 == n_times ? " and " : ", ");
          g_string_append (out, times[i]);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_free (keys[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_instants (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
is_taken (const gint64 *sorted_taken,
          gsize         n_taken,
          gint64        instant)
{
  return n_taken > 0
         && bsearch (&instant, sorted_taken, n_taken, sizeof (gint64), compare_instants) != NULL;
}

/**
 * hd_queue_slots_next_free:
 * @slots: (array length=n_slots): the weekly slots
 * @zone: the zone whose wall clock the slots follow
 * @after: the slot found is strictly later than this instant (Unix seconds)
 * @taken: (array length=n_taken) (nullable): instants already holding a post
 * @slot_instant: (out): the free slot's instant
 *
 * A slot keeps its wall-clock time across daylight-saving changes. One the clocks skip
 * over moves to the first minute after the gap; one they repeat is the first occurrence.
 *
 * Returns: %FALSE when there are no slots
 */
gboolean
hd_queue_slots_next_free (const HdQueueSlot *slots,
                          gsize              n_slots,
                          GTimeZone         *zone,
                          gint64             after,
                          const gint64      *taken,
                          gsize              n_taken,
                          gint64            *slot_instant)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree gint64 *sorted_taken = NULL;
  g_autoptr(GArray) day_instants = NULL;
  GDate date;
  guint max_days;

  g_return_val_if_fail (slots != NULL || n_slots == 0, FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (taken != NULL || n_taken == 0, FALSE);
  g_return_val_if_fail (slot_instant != NULL, FALSE);

  if (n_slots == 0)
    return FALSE;

  if (n_taken > 0)
    {
      sorted_taken = g_memdup2 (taken, n_taken * sizeof (gint64));
      qsort (sorted_taken, n_taken, sizeof (gint64), compare_instants);
    }

  start = g_date_time_new_from_unix_utc (after);
  g_return_val_if_fail (start != NULL, FALSE);
  local = g_date_time_to_timezone (start, zone);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  /* The day before too: a slot late on it could land after @after only through a gap. */
  g_date_subtract_days (&date, 1);

  /* Every week offers n_slots slots and at most n_taken of them are taken. */
  max_days = 7 * (n_taken / n_slots + 2) + 1;
  day_instants = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < max_days; i++, g_date_add_days (&date, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&date);

      g_array_set_size (day_instants, 0);
      for (gsize s = 0; s < n_slots; s++)
        {
          gint64 instant;

          if (slots[s].weekday != weekday)
            continue;
          hd_wall_time_to_instant (zone, g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), slots[s].hour, slots[s].minute, 0,
                                   &instant);
          g_array_append_val (day_instants, instant);
        }
      g_array_sort (day_instants, compare_instants);

      for (guint j = 0; j < day_instants->len; j++)
        {
          gint64 instant = g_array_index (day_instants, gint64, j);

          if (instant > after && !is_taken (sorted_taken, n_taken, instant))
            {
              *slot_instant = instant;
              return TRUE;
            }
        }
    }

  return FALSE;
}
