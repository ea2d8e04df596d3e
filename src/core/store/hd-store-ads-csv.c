/* hd-store-ads-csv.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "hd-csv.h"
#include "hd-daypart.h"
#include "hd-meta-enums.h"
#include "hd-money.h"
#include "hd-store.h"
#include "hd-store-ads-csv.h"
#include "hd-targeting.h"

/* Columns */

enum
{
  LEVEL_CAMPAIGN = 1 << 0,
  LEVEL_AD_SET   = 1 << 1,
  LEVEL_AD       = 1 << 2,
  LEVEL_AUDIENCE = 1 << 3,
  LEVEL_ANY      = 0xf,
};

typedef enum
{
  COL_LEVEL,
  COL_NAME,
  COL_CAMPAIGN,
  COL_AD_SET,
  COL_STATUS,
  COL_ACCOUNT,
  COL_CURRENCY,
  COL_OBJECTIVE,
  COL_CATEGORIES,
  COL_BID_STRATEGY,
  COL_BUDGET_TYPE,
  COL_BUDGET,
  COL_BID_CAP,
  COL_START,
  COL_END,
  COL_TIME_ZONE,
  COL_OPTIMIZATION_GOAL,
  COL_BILLING_EVENT,
  COL_DESTINATION_TYPE,
  COL_AUDIENCE,
  COL_PLACEMENTS,
  COL_DAYPARTING,
  COL_DAYPARTING_ZONE,
  COL_HEADLINE,
  COL_TEXT,
  COL_LINK,
  COL_CALL_TO_ACTION,
  COL_PAGE_ID,
  COL_POST_ID,
  COL_MEDIA,
  COL_SPEC,
  COL_SUMMARY,
  N_COLUMNS
} Column;

/* The header names are part of the file format, so they are not translated. */
static const struct
{
  const char *name;
  guint       levels;
} columns[N_COLUMNS] = {
  [COL_LEVEL] = { "Level", LEVEL_ANY },
  [COL_NAME] = { "Name", LEVEL_ANY },
  [COL_CAMPAIGN] = { "Campaign", LEVEL_AD_SET | LEVEL_AD },
  [COL_AD_SET] = { "Ad set", LEVEL_AD },
  [COL_STATUS] = { "Status", LEVEL_CAMPAIGN | LEVEL_AD_SET | LEVEL_AD },
  [COL_ACCOUNT] = { "Ad account", LEVEL_CAMPAIGN },
  [COL_CURRENCY] = { "Currency", LEVEL_CAMPAIGN | LEVEL_AD_SET },
  [COL_OBJECTIVE] = { "Objective", LEVEL_CAMPAIGN },
  [COL_CATEGORIES] = { "Special ad categories", LEVEL_CAMPAIGN },
  [COL_BID_STRATEGY] = { "Bid strategy", LEVEL_CAMPAIGN },
  [COL_BUDGET_TYPE] = { "Budget type", LEVEL_AD_SET },
  [COL_BUDGET] = { "Budget", LEVEL_AD_SET },
  [COL_BID_CAP] = { "Bid cap", LEVEL_AD_SET },
  [COL_START] = { "Start", LEVEL_AD_SET },
  [COL_END] = { "End", LEVEL_AD_SET },
  [COL_TIME_ZONE] = { "Time zone", LEVEL_AD_SET },
  [COL_OPTIMIZATION_GOAL] = { "Optimization goal", LEVEL_AD_SET },
  [COL_BILLING_EVENT] = { "Billing event", LEVEL_AD_SET },
  [COL_DESTINATION_TYPE] = { "Destination type", LEVEL_AD_SET },
  [COL_AUDIENCE] = { "Audience", LEVEL_AD_SET },
  [COL_PLACEMENTS] = { "Placements", LEVEL_AD_SET },
  [COL_DAYPARTING] = { "Dayparting", LEVEL_AD_SET },
  [COL_DAYPARTING_ZONE] = { "Dayparting zone", LEVEL_AD_SET },
  [COL_HEADLINE] = { "Headline", LEVEL_AD },
  [COL_TEXT] = { "Text", LEVEL_AD },
  [COL_LINK] = { "Link", LEVEL_AD },
  [COL_CALL_TO_ACTION] = { "Call to action", LEVEL_AD },
  [COL_PAGE_ID] = { "Page id", LEVEL_AD },
  [COL_POST_ID] = { "Post id", LEVEL_AD },
  [COL_MEDIA] = { "Media", LEVEL_AD },
  [COL_SPEC] = { "Spec", LEVEL_AUDIENCE },
  /* read-only: written for people, ignored on import */
  [COL_SUMMARY] = { "Summary", LEVEL_ANY },
};

static const char *
level_name (guint level)
{
  switch (level)
    {
    case LEVEL_CAMPAIGN:
      return "Campaign";
    case LEVEL_AD_SET:
      return "Ad set";
    case LEVEL_AD:
      return "Ad";
    default:
      return "Audience";
    }
}

/* The platforms whose positions Meta's Targeting object lists as <platform>_positions
 * (specs/meta-marketing, Targeting fields). */
static const char * const position_platforms[] = {
  "facebook", "instagram", "audience_network", "messenger", "threads", "whatsapp",
};

/* Meta numbers days from Sunday; the file writes the week from Monday. */
static const char * const day_names[HD_DAYPART_DAYS] = {
  "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char * const day_full_names[HD_DAYPART_DAYS] = {
  "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
};
static const guint week_order[HD_DAYPART_DAYS] = { 1, 2, 3, 4, 5, 6, 0 };

/* Amounts in the file are written the same way whatever the locale: "1234.50". */
static const HdMoneyStyle file_money_style = { ".", "", TRUE, FALSE };

/* The report */

typedef struct
{
  guint  line;
  guint  order;
  char  *sentence;
} Problem;

typedef struct
{
  guint     line;
  guint     level;
  char     *name;
  char     *campaign_name;
  char     *ad_set_name;
  char     *audience_name;
  char     *account_remote_id;
  char     *currency;
  char     *budget_text;
  char     *bid_text;
  /* HdCampaign, HdAdSet, HdAd or HdAudience: what the import writes */
  GObject  *object;
  /* the object is one already stored, and the file leaves it as it is */
  gboolean  unchanged;
  gboolean  stored;
} Row;

struct _HdAdsCsvReport
{
  GObject    parent_instance;

  GPtrArray *rows;
  GArray    *problems;
  /* parents and existing objects were looked up in a store, not only in the file */
  gboolean   with_store;
};

G_DEFINE_FINAL_TYPE (HdAdsCsvReport, hd_ads_csv_report, G_TYPE_OBJECT)

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row->campaign_name);
  g_free (row->ad_set_name);
  g_free (row->audience_name);
  g_free (row->account_remote_id);
  g_free (row->currency);
  g_free (row->budget_text);
  g_free (row->bid_text);
  g_clear_object (&row->object);
  g_free (row);
}

static void
problem_clear (gpointer data)
{
  Problem *problem = data;

  g_free (problem->sentence);
}

static void
hd_ads_csv_report_finalize (GObject *object)
{
  HdAdsCsvReport *self = HD_ADS_CSV_REPORT (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);

  G_OBJECT_CLASS (hd_ads_csv_report_parent_class)->finalize (object);
}

static void
hd_ads_csv_report_class_init (HdAdsCsvReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_ads_csv_report_finalize;
}

static void
hd_ads_csv_report_init (HdAdsCsvReport *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->problems = g_array_new (FALSE, TRUE, sizeof (Problem));
  g_array_set_clear_func (self->problems, problem_clear);
}

guint
hd_ads_csv_report_get_n_objects (HdAdsCsvReport *self)
{
  g_return_val_if_fail (HD_IS_ADS_CSV_REPORT (self), 0);

  return self->rows->len;
}

guint
hd_ads_csv_report_get_n_problems (HdAdsCsvReport *self)
{
  g_return_val_if_fail (HD_IS_ADS_CSV_REPORT (self), 0);

  return self->problems->len;
}

void
hd_ads_csv_report_get_problem (HdAdsCsvReport  *self,
                               guint            index,
                               guint           *line,
                               const char     **sentence)
{
  const Problem *problem;

  g_return_if_fail (HD_IS_ADS_CSV_REPORT (self));
  g_return_if_fail (index < self->problems->len);

  problem = &g_array_index (self->problems, Problem, index);
  if (line != NULL)
    *line = problem->line;
  if (sentence != NULL)
    *sentence = problem->sentence;
}

G_GNUC_PRINTF (3, 4)
static void
add_problem (HdAdsCsvReport *self,
             guint           line,
             const char     *format,
             ...)
{
  Problem problem = { line, self->problems->len, NULL };
  va_list args;

  va_start (args, format);
  problem.sentence = g_strdup_vprintf (format, args);
  va_end (args);

  g_array_append_val (self->problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *first = a;
  const Problem *second = b;

  if (first->line != second->line)
    return first->line < second->line ? -1 : 1;

  return first->order < second->order ? -1 : first->order > second->order;
}

/* Small readers */

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* The CSV writer puts a quote before a cell a spreadsheet would run as a formula; the
 * reader of the posts file takes it away again, and so does this one. */
static const char *
without_formula_guard (const char *cell)
{
  const char *p = cell;

  if (*p != '\'')
    return cell;
  while (*p == '\'')
    p++;

  return is_formula_start (*p) ? cell + 1 : cell;
}

/* Meta's enum values as someone may type them: "Learn more" is LEARN_MORE. */
static char *
enum_value_of (const char *cell)
{
  char *value = g_ascii_strup (cell, -1);

  for (char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        *p = '_';
    }

  return value;
}

static gboolean
is_account_id (const char *text)
{
  if (!g_str_has_prefix (text, "act_") || text[4] == '\0')
    return FALSE;
  for (const char *p = text + 4; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
        return FALSE;
    }

  return TRUE;
}

static char *
format_amount (gint64      minor,
               const char *currency)
{
  int exponent = hd_money_get_exponent (currency);
  gint64 per_major;

  if (exponent <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);

  per_major = hd_money_get_minor_per_major (currency);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, minor / per_major,
                          exponent, minor % per_major);
}

static char *
format_instant (gint64      instant,
                const char *zone_name)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (instant == 0)
    return NULL;

  if (zone_name != NULL)
    zone = g_time_zone_new_identifier (zone_name);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  utc = g_date_time_new_from_unix_utc (instant);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* An instant written with its offset, so it means one moment wherever the file is read. */
static gboolean
parse_instant (const char *text,
               gint64     *instant)
{
  g_autoptr(GDateTime) when = NULL;
  const char *time = strchr (text, 'T');
  size_t length = strlen (text);

  if (time == NULL)
    time = strchr (text, 't');
  if (time == NULL || length < 2)
    return FALSE;
  if (text[length - 1] != 'Z' && text[length - 1] != 'z' &&
      strchr (time, '+') == NULL && strchr (time, '-') == NULL)
    return FALSE;

  when = g_date_time_new_from_iso8601 (text, NULL);
  /* Meta's ads began long after 1970; earlier years are a typing slip. */
  if (when == NULL || g_date_time_get_year (when) < 1970)
    return FALSE;

  *instant = g_date_time_to_unix (when);
  return *instant > 0;
}

/* Dayparting */

static gboolean
same_hours (const HdDaypart *daypart,
            guint            day,
            guint            other)
{
  for (guint hour = 0; hour < HD_DAYPART_HOURS; hour++)
    {
      if (hd_daypart_get (daypart, day, hour) != hd_daypart_get (daypart, other, hour))
        return FALSE;
    }

  return TRUE;
}

static gboolean
day_has_hours (const HdDaypart *daypart,
               guint            day)
{
  for (guint hour = 0; hour < HD_DAYPART_HOURS; hour++)
    {
      if (hd_daypart_get (daypart, day, hour))
        return TRUE;
    }

  return FALSE;
}

/* "Mon-Fri 09:00-17:00; Sat 10:00-14:00": adjacent days with the same hours share an item. */
static char *
format_daypart (const HdDaypart *daypart)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < HD_DAYPART_DAYS;)
    {
      guint day = week_order[i];
      guint j = i + 1;
      gboolean first_run = TRUE;

      if (!day_has_hours (daypart, day))
        {
          i++;
          continue;
        }
      while (j < HD_DAYPART_DAYS && same_hours (daypart, day, week_order[j]))
        j++;

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, day_names[day]);
      if (j - 1 > i)
        g_string_append_printf (out, "-%s", day_names[week_order[j - 1]]);
      g_string_append_c (out, ' ');

      for (guint hour = 0; hour < HD_DAYPART_HOURS;)
        {
          guint end = hour;

          if (!hd_daypart_get (daypart, day, hour))
            {
              hour++;
              continue;
            }
          while (end < HD_DAYPART_HOURS && hd_daypart_get (daypart, day, end))
            end++;
          g_string_append_printf (out, "%s%02u:00-%02u:00", first_run ? "" : ", ", hour, end);
          first_run = FALSE;
          hour = end;
        }

      i = j;
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_day (const char *text,
           guint      *day)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  size_t length = strlen (lower);

  if (length < 3)
    return FALSE;
  for (guint d = 0; d < HD_DAYPART_DAYS; d++)
    {
      if (strncmp (day_full_names[d], lower, length) == 0)
        {
          *day = d;
          return TRUE;
        }
    }

  return FALSE;
}

static guint
week_position (guint day)
{
  return (day + HD_DAYPART_DAYS - 1) % HD_DAYPART_DAYS;
}

/* "Mon-Fri", "Sat, Sun": the days as a mask indexed like HdDaypart. */
static gboolean
parse_days (const char *text,
            guint      *mask)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *mask = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (g_strstrip (parts[i]), "-", 2);
      guint first, last;

      if (range[0] == NULL || !parse_day (g_strstrip (range[0]), &first))
        return FALSE;
      last = first;
      if (range[1] != NULL && !parse_day (g_strstrip (range[1]), &last))
        return FALSE;

      /* A range runs forward through the week from Monday, wrapping after Sunday. */
      for (guint p = week_position (first);; p = (p + 1) % HD_DAYPART_DAYS)
        {
          *mask |= 1u << week_order[p];
          if (p == week_position (last))
            break;
        }
    }

  return *mask != 0;
}

static gboolean
parse_hours (const char *text,
             guint      *start,
             guint      *end)
{
  guint start_minute, end_minute;
  int consumed = -1;

  if (sscanf (text, "%2u:%2u-%2u:%2u%n", start, &start_minute, end, &end_minute, &consumed) != 4
      || consumed != (int) strlen (text))
    return FALSE;

  return start_minute == 0 && end_minute == 0 && *start < *end && *end <= HD_DAYPART_HOURS;
}

static gboolean
parse_daypart (const char  *text,
               HdDaypart   *daypart,
               char       **problem)
{
  g_auto(GStrv) items = g_strsplit (text, ";", -1);

  hd_daypart_clear (daypart);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      const char *digit = item;
      g_autofree char *days_text = NULL;
      g_auto(GStrv) ranges = NULL;
      guint mask;

      if (*item == '\0')
        continue;
      while (*digit != '\0' && !g_ascii_isdigit (*digit))
        digit++;
      days_text = g_strndup (item, digit - item);

      if (*digit == '\0' || !parse_days (g_strstrip (days_text), &mask))
        {
          *problem = g_strdup_printf (_("The dayparting “%s” can’t be read: write days and "
                                        "whole hours, as in “Mon-Fri 09:00-17:00; Sat "
                                        "10:00-14:00”."),
                                      item);
          return FALSE;
        }

      ranges = g_strsplit (digit, ",", -1);
      for (guint r = 0; ranges[r] != NULL; r++)
        {
          guint start, end;

          if (!parse_hours (g_strstrip (ranges[r]), &start, &end))
            {
              *problem = g_strdup_printf (_("The hours “%s” can’t be read: Meta schedules "
                                            "whole hours, written as in “09:00-17:00”, up to "
                                            "24:00."),
                                          ranges[r]);
              return FALSE;
            }
          for (guint day = 0; day < HD_DAYPART_DAYS; day++)
            {
              if (mask & (1u << day))
                hd_daypart_set_range (daypart, day, start, end, TRUE);
            }
        }
    }

  if (hd_daypart_is_empty (daypart))
    {
      *problem = g_strdup (_("The dayparting names no hours. Leave it empty to run the ad set "
                             "at all hours."));
      return FALSE;
    }

  return TRUE;
}

/* Placements */

static gboolean
is_position_platform (const char *platform)
{
  for (guint i = 0; i < G_N_ELEMENTS (position_platforms); i++)
    {
      if (strcmp (platform, position_platforms[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_identifier (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_identifier_array (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || !is_identifier (json_node_get_string (element)))
        return FALSE;
    }

  return json_array_get_length (array) > 0;
}

/* "facebook: feed; instagram: stream, story", or NULL when the stored JSON says more than
 * the platforms and their positions, which the file then carries as JSON. */
static char *
format_placements (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *object;
  JsonArray *platforms;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "publisher_platforms") ||
      !is_identifier_array (json_object_get_member (object, "publisher_platforms")))
    return NULL;
  platforms = json_object_get_array_member (object, "publisher_platforms");

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    {
      g_autofree char *platform = NULL;
      gboolean listed = FALSE;

      if (strcmp (member, "publisher_platforms") == 0)
        continue;
      if (!g_str_has_suffix (member, "_positions") || !is_identifier_array (value))
        return NULL;
      platform = g_strndup (member, strlen (member) - strlen ("_positions"));
      if (!is_position_platform (platform))
        return NULL;
      for (guint i = 0; i < json_array_get_length (platforms); i++)
        listed |= g_strcmp0 (json_array_get_string_element (platforms, i), platform) == 0;
      if (!listed)
        return NULL;
    }

  for (guint i = 0; i < json_array_get_length (platforms); i++)
    {
      const char *platform = json_array_get_string_element (platforms, i);
      g_autofree char *positions_member = g_strconcat (platform, "_positions", NULL);

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, platform);
      if (json_object_has_member (object, positions_member))
        {
          JsonArray *positions = json_object_get_array_member (object, positions_member);

          g_string_append (out, ": ");
          for (guint p = 0; p < json_array_get_length (positions); p++)
            g_string_append_printf (out, "%s%s", p > 0 ? ", " : "",
                                    json_array_get_string_element (positions, p));
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
identifier_of (const char *text)
{
  char *value = g_ascii_strdown (text, -1);

  g_strstrip (value);
  for (char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ')
        *p = '_';
    }

  return value;
}

/* Position names are not listed in Meta's specs, so only their form is checked here. */
static char *
parse_placements (const char  *text,
                  char       **problem)
{
  g_auto(GStrv) items = g_strsplit (text, ";", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) platforms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) positions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], ":", 2);
      g_autofree char *platform = NULL;

      if (parts[0] == NULL || *g_strstrip (parts[0]) == '\0')
        continue;
      platform = identifier_of (parts[0]);
      if (!is_identifier (platform))
        {
          *problem = g_strdup_printf (_("“%s” is not a placement platform: write them as in "
                                        "“facebook: feed; instagram: stream, story”."),
                                      parts[0]);
          return NULL;
        }
      for (guint p = 0; p < platforms->len; p++)
        {
          if (strcmp (g_ptr_array_index (platforms, p), platform) == 0)
            {
              *problem = g_strdup_printf (_("The placements name “%s” twice."), platform);
              return NULL;
            }
        }

      if (parts[1] != NULL && *g_strstrip (parts[1]) != '\0')
        {
          g_auto(GStrv) names = g_strsplit (parts[1], ",", -1);

          if (!is_position_platform (platform))
            {
              *problem = g_strdup_printf (_("Meta takes no positions on “%s”; list the "
                                            "platform alone."),
                                          platform);
              return NULL;
            }
          for (guint n = 0; names[n] != NULL; n++)
            {
              char *name = identifier_of (names[n]);

              g_free (names[n]);
              names[n] = name;
              if (!is_identifier (name))
                {
                  *problem = g_strdup_printf (_("The placements of “%s” can’t be read: "
                                                "separate positions with commas, as in "
                                                "“instagram: stream, story”."),
                                              platform);
                  return NULL;
                }
            }
          g_ptr_array_add (positions, g_steal_pointer (&names));
        }
      else
        {
          g_ptr_array_add (positions, NULL);
        }
      g_ptr_array_add (platforms, g_steal_pointer (&platform));
    }

  if (platforms->len == 0)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "publisher_platforms");
  json_builder_begin_array (builder);
  for (guint p = 0; p < platforms->len; p++)
    json_builder_add_string_value (builder, g_ptr_array_index (platforms, p));
  json_builder_end_array (builder);
  for (guint p = 0; p < platforms->len; p++)
    {
      char **names = g_ptr_array_index (positions, p);
      g_autofree char *member = NULL;

      if (names == NULL)
        continue;
      member = g_strconcat (g_ptr_array_index (platforms, p), "_positions", NULL);
      json_builder_set_member_name (builder, member);
      json_builder_begin_array (builder);
      for (guint n = 0; names[n] != NULL; n++)
        json_builder_add_string_value (builder, names[n]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Special ad categories */

static char *
format_categories (const char *json)
{
  g_autoptr(JsonNode) root = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      if (strcmp (json_node_get_string (element), "NONE") == 0)
        continue;
      g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "",
                              json_node_get_string (element));
    }

  if (out->len == 0)
    return g_strdup ("None");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "None" is stored as the empty list, which is how Meta is told an ad is in no category. */
static char *
parse_categories (const char  *text,
                  char       **problem)
{
  g_autofree char *normalized = g_strdelimit (g_strdup (text), ",", ';');
  g_auto(GStrv) items = g_strsplit (normalized, ";", -1);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean none = FALSE;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (*g_strstrip (items[i]) == '\0')
        continue;
      value = enum_value_of (items[i]);
      if (!hd_meta_enum_contains (HD_META_ENUM_SPECIAL_AD_CATEGORY, value))
        {
          *problem = g_strdup_printf (_("“%s” is not a special ad category Meta knows. Write "
                                        "“None”, or categories such as HOUSING or "
                                        "EMPLOYMENT separated by “;”."),
                                      items[i]);
          return NULL;
        }
      if (strcmp (value, "NONE") == 0)
        none = TRUE;
      else
        json_array_add_string_element (array, value);
    }

  if (none && json_array_get_length (array) > 0)
    {
      *problem = g_strdup (_("A campaign can’t be both in a special ad category and in none: "
                             "remove “None” or the other categories."));
      return NULL;
    }

  root = json_node_init_array (json_node_alloc (), array);
  return json_to_string (root, FALSE);
}

/* Reading the file */

typedef struct
{
  HdAdsCsvReport *report;
  int             index[N_COLUMNS];
  const HdCsvRecord *record;
  Row            *row;
} Reader;

static const char *
cell (Reader *reader,
      Column  column)
{
  const HdCsvRecord *record = reader->record;
  int index = reader->index[column];
  char *text;

  if (index < 0 || (guint) index >= record->n_fields)
    return NULL;

  text = g_strstrip (record->fields[index]);
  if (*text == '\0')
    return NULL;

  return without_formula_guard (text);
}

static gboolean
read_header (HdAdsCsvReport     *report,
             const HdCsvRecord  *header,
             int                *index,
             GError            **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    index[c] = -1;

  for (guint f = 0; f < header->n_fields; f++)
    {
      g_autofree char *name = g_strstrip (g_strdup (without_formula_guard (header->fields[f])));
      gboolean known = FALSE;

      if (*name == '\0')
        continue;
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (g_ascii_strcasecmp (name, columns[c].name) != 0)
            continue;
          known = TRUE;
          if (index[c] >= 0)
            add_problem (report, header->line,
                         _("The column “%s” comes twice; keep one."), columns[c].name);
          else
            index[c] = f;
        }
      if (!known)
        add_problem (report, header->line,
                     _("Herald doesn’t know the column “%s”; rename it to one of the columns "
                       "an export writes, or remove it."),
                     name);
    }

  if (index[COL_LEVEL] < 0 || index[COL_NAME] < 0)
    {
      g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_BAD_HEADER,
                   _("The first line must name the columns, among them “Level” and “Name”. "
                     "Export from Herald to see the layout."));
      return FALSE;
    }

  return TRUE;
}

G_GNUC_PRINTF (2, 3)
static void
row_problem (Reader     *reader,
             const char *format,
             ...)
{
  g_autofree char *sentence = NULL;
  va_list args;

  va_start (args, format);
  sentence = g_strdup_vprintf (format, args);
  va_end (args);

  add_problem (reader->report, reader->row->line, "%s", sentence);
}

/* Meta's value for @column, or NULL (and a problem) when Meta does not know it. */
static char *
read_enum (Reader     *reader,
           Column      column,
           HdMetaEnum  which)
{
  const char *text = cell (reader, column);
  g_autofree char *value = NULL;

  if (text == NULL)
    return NULL;
  value = enum_value_of (text);
  if (!hd_meta_enum_contains (which, value))
    {
      /* Translators: the first %s is what the file says, the second a column name */
      row_problem (reader, _("“%s” is not a value Meta takes for “%s”."), text,
                   columns[column].name);
      return NULL;
    }

  return g_steal_pointer (&value);
}

static HdAdStatus
read_status (Reader     *reader,
             HdMetaEnum  which)
{
  const char *text = cell (reader, COL_STATUS);
  g_autofree char *value = NULL;

  /* New objects are created paused unless the user turns them on. */
  if (text == NULL)
    return HD_AD_STATUS_PAUSED;
  value = enum_value_of (text);
  if (strcmp (value, "ACTIVE") == 0)
    return HD_AD_STATUS_ACTIVE;
  if (strcmp (value, "PAUSED") == 0)
    return HD_AD_STATUS_PAUSED;
  if (strcmp (value, "ARCHIVED") == 0 && hd_meta_enum_contains (which, value))
    return HD_AD_STATUS_ARCHIVED;

  row_problem (reader, _("“%s” is not a status Herald can set: write ACTIVE, PAUSED or "
                         "ARCHIVED."),
               text);
  return HD_AD_STATUS_PAUSED;
}

static const char *
status_text (HdAdStatus status)
{
  switch (status)
    {
    case HD_AD_STATUS_ACTIVE:
      return "ACTIVE";
    case HD_AD_STATUS_ARCHIVED:
      return "ARCHIVED";
    case HD_AD_STATUS_PAUSED:
    default:
      return "PAUSED";
    }
}

static char *
read_currency (Reader *reader)
{
  const char *text = cell (reader, COL_CURRENCY);
  g_autofree char *value = NULL;

  if (text == NULL)
    return NULL;
  value = g_ascii_strup (text, -1);
  if (!hd_money_currency_is_known (value)
      || !hd_meta_enum_contains (HD_META_ENUM_AD_ACCOUNT_CURRENCY, value))
    {
      row_problem (reader, _("Meta ad accounts don’t pay in “%s”; write the ad account’s "
                             "currency, such as GBP or EUR."),
                   text);
      return NULL;
    }

  return g_steal_pointer (&value);
}

static void
read_campaign (Reader *reader)
{
  Row *row = reader->row;
  HdCampaign *campaign = hd_campaign_new ();
  const char *account = cell (reader, COL_ACCOUNT);
  const char *categories = cell (reader, COL_CATEGORIES);
  g_autofree char *objective = NULL;
  g_autofree char *bid_strategy = NULL;
  g_autofree char *categories_json = NULL;
  g_autofree char *problem = NULL;

  row->object = G_OBJECT (campaign);
  hd_campaign_set_name (campaign, row->name);

  if (account == NULL)
    row_problem (reader, _("Name the campaign’s ad account by its id, such as act_1234567890."));
  else if (!is_account_id (account))
    row_problem (reader, _("“%s” is not an ad account id: Meta’s ids are “act_” and digits, "
                           "such as act_1234567890."),
                 account);
  else
    row->account_remote_id = g_strdup (account);
  hd_campaign_set_ad_account_id (campaign, row->account_remote_id);

  row->currency = read_currency (reader);

  if (cell (reader, COL_OBJECTIVE) == NULL)
    row_problem (reader, _("Say what the campaign is for in “Objective”, such as "
                           "OUTCOME_TRAFFIC."));
  objective = read_enum (reader, COL_OBJECTIVE, HD_META_ENUM_CAMPAIGN_OBJECTIVE);
  hd_campaign_set_objective (campaign, objective);

  if (categories == NULL)
    row_problem (reader, _("Meta needs the special ad categories: write “None” when the "
                           "campaign is not about credit, employment, housing, social issues, "
                           "elections or politics."));
  else if ((categories_json = parse_categories (categories, &problem)) == NULL)
    row_problem (reader, "%s", problem);
  hd_campaign_set_special_ad_categories (campaign, categories_json != NULL ? categories_json
                                                                            : "[]");

  hd_campaign_set_status (campaign, read_status (reader, HD_META_ENUM_CAMPAIGN_STATUS));
  bid_strategy = read_enum (reader, COL_BID_STRATEGY, HD_META_ENUM_CAMPAIGN_BID_STRATEGY);
  hd_campaign_set_bid_strategy (campaign, bid_strategy);
}

static void
read_flight (Reader  *reader,
             HdAdSet *ad_set)
{
  const char *start = cell (reader, COL_START);
  const char *end = cell (reader, COL_END);
  const char *zone_name = cell (reader, COL_TIME_ZONE);
  gint64 instant = 0;

  if (zone_name != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);

      if (zone == NULL)
        row_problem (reader, _("“%s” is not a time zone Herald knows; use a name like "
                               "Europe/London or America/New_York."),
                     zone_name);
      else
        hd_ad_set_set_time_zone (ad_set, zone_name);
    }

  if (start != NULL && !parse_instant (start, &instant))
    row_problem (reader, _("The start “%s” can’t be read: write it with its offset, as in "
                           "2026-05-01T09:00:00+01:00."),
                 start);
  hd_ad_set_set_starts_at (ad_set, instant);

  instant = 0;
  if (end != NULL && !parse_instant (end, &instant))
    row_problem (reader, _("The end “%s” can’t be read: write it with its offset, as in "
                           "2026-05-31T23:00:00+01:00."),
                 end);
  hd_ad_set_set_ends_at (ad_set, instant);
}

static void
read_schedule (Reader  *reader,
               HdAdSet *ad_set)
{
  const char *placements = cell (reader, COL_PLACEMENTS);
  const char *dayparting = cell (reader, COL_DAYPARTING);
  const char *zone = cell (reader, COL_DAYPARTING_ZONE);
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;
  HdDaypart daypart;

  if (placements != NULL && placements[0] == '{')
    {
      g_autoptr(JsonNode) root = json_from_string (placements, &error);

      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        row_problem (reader, _("The placements are not a JSON object Herald can read: %s"),
                     error != NULL ? error->message : _("not an object"));
      else
        hd_ad_set_set_placements (ad_set, placements);
      g_clear_error (&error);
    }
  else if (placements != NULL)
    {
      g_autofree char *json = parse_placements (placements, &problem);

      if (problem != NULL)
        row_problem (reader, "%s", problem);
      hd_ad_set_set_placements (ad_set, json);
      g_clear_pointer (&problem, g_free);
    }

  if (dayparting == NULL)
    {
      if (zone != NULL)
        row_problem (reader, _("“Dayparting zone” says whose clock the dayparting hours are "
                               "on; leave it empty when there is no dayparting."));
      return;
    }

  if (dayparting[0] == '[')
    {
      if (!hd_daypart_from_json (dayparting, &daypart, &error))
        {
          row_problem (reader, "%s", error->message);
          return;
        }
    }
  else if (!parse_daypart (dayparting, &daypart, &problem))
    {
      row_problem (reader, "%s", problem);
      return;
    }

  if (zone == NULL || g_ascii_strcasecmp (zone, "Ad account") == 0
      || g_ascii_strcasecmp (zone, "Advertiser") == 0)
    daypart.zone = HD_DAYPART_ZONE_ADVERTISER;
  else if (g_ascii_strcasecmp (zone, "Viewer") == 0 || g_ascii_strcasecmp (zone, "User") == 0)
    daypart.zone = HD_DAYPART_ZONE_USER;
  else
    {
      row_problem (reader, _("“%s” is not a dayparting zone: write “Ad account” for the "
                             "account’s clock or “Viewer” for each viewer’s."),
                   zone);
      return;
    }

  {
    g_autofree char *json = hd_daypart_to_json (&daypart);

    hd_ad_set_set_dayparting (ad_set, json);
  }
}

static void
read_ad_set (Reader *reader)
{
  Row *row = reader->row;
  HdAdSet *ad_set = hd_ad_set_new ();
  const char *budget_type = cell (reader, COL_BUDGET_TYPE);
  const char *audience = cell (reader, COL_AUDIENCE);
  g_autofree char *goal = NULL;
  g_autofree char *billing = NULL;
  g_autofree char *destination = NULL;

  row->object = G_OBJECT (ad_set);
  hd_ad_set_set_name (ad_set, row->name);

  row->campaign_name = g_strdup (cell (reader, COL_CAMPAIGN));
  if (row->campaign_name == NULL)
    row_problem (reader, _("Name the campaign of the ad set “%s” in the “Campaign” column."),
                 row->name);

  row->currency = read_currency (reader);
  row->budget_text = g_strdup (cell (reader, COL_BUDGET));
  row->bid_text = g_strdup (cell (reader, COL_BID_CAP));

  if (budget_type == NULL || g_ascii_strcasecmp (budget_type, "Daily") == 0)
    hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  else if (g_ascii_strcasecmp (budget_type, "Lifetime") == 0)
    hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_LIFETIME);
  else
    row_problem (reader, _("“%s” is not a budget type: write Daily, or Lifetime for a budget "
                           "spread over the whole flight."),
                 budget_type);

  read_flight (reader, ad_set);

  goal = read_enum (reader, COL_OPTIMIZATION_GOAL, HD_META_ENUM_AD_SET_OPTIMIZATION_GOAL);
  hd_ad_set_set_optimization_goal (ad_set, goal);
  billing = read_enum (reader, COL_BILLING_EVENT, HD_META_ENUM_AD_SET_BILLING_EVENT);
  hd_ad_set_set_billing_event (ad_set, billing);
  destination = read_enum (reader, COL_DESTINATION_TYPE, HD_META_ENUM_AD_SET_DESTINATION_TYPE);
  hd_ad_set_set_destination_type (ad_set, destination);

  row->audience_name = g_strdup (audience);
  read_schedule (reader, ad_set);
  hd_ad_set_set_status (ad_set, read_status (reader, HD_META_ENUM_AD_SET_STATUS));
}

static void
read_ad (Reader *reader)
{
  Row *row = reader->row;
  HdAd *ad = hd_ad_new ();
  const char *link = cell (reader, COL_LINK);
  const char *page = cell (reader, COL_PAGE_ID);
  const char *media = cell (reader, COL_MEDIA);
  g_autofree char *call_to_action = NULL;

  row->object = G_OBJECT (ad);
  hd_ad_set_name (ad, row->name);

  row->campaign_name = g_strdup (cell (reader, COL_CAMPAIGN));
  row->ad_set_name = g_strdup (cell (reader, COL_AD_SET));
  if (row->ad_set_name == NULL)
    row_problem (reader, _("Name the ad set of the ad “%s” in the “Ad set” column."),
                 row->name);

  hd_ad_set_status (ad, read_status (reader, HD_META_ENUM_AD_STATUS));
  hd_ad_set_headline (ad, cell (reader, COL_HEADLINE));
  hd_ad_set_body (ad, cell (reader, COL_TEXT));

  if (link != NULL && !g_str_has_prefix (link, "https://") && !g_str_has_prefix (link, "http://"))
    row_problem (reader, _("The link “%s” is not a web address; write it in full, starting "
                           "with https://."),
                 link);
  else
    hd_ad_set_link (ad, link);

  call_to_action = read_enum (reader, COL_CALL_TO_ACTION, HD_META_ENUM_CALL_TO_ACTION_TYPE);
  hd_ad_set_call_to_action (ad, call_to_action);

  if (page != NULL && !is_digits (page))
    row_problem (reader, _("“%s” is not a Page id: Meta’s Page ids are digits."), page);
  else
    hd_ad_set_page_remote_id (ad, page);

  hd_ad_set_post_id (ad, cell (reader, COL_POST_ID));

  if (media != NULL && !is_sha256 (media))
    row_problem (reader, _("“%s” does not name a picture of Herald’s media library: write the "
                           "SHA-256 an export gives."),
                 media);
  else
    hd_ad_set_image_sha256 (ad, media);
}

static void
read_audience (Reader *reader)
{
  Row *row = reader->row;
  HdAudience *audience = hd_audience_new ();
  const char *spec = cell (reader, COL_SPEC);

  row->object = G_OBJECT (audience);
  hd_audience_set_name (audience, row->name);

  if (spec == NULL)
    {
      row_problem (reader, _("The audience “%s” has no targeting spec in the “Spec” column."),
                   row->name);
      return;
    }

  {
    g_autoptr(HdTargeting) targeting = NULL;
    g_autoptr(GError) error = NULL;

    targeting = hd_targeting_new_from_json (spec, &error);
    if (targeting == NULL)
      {
        row_problem (reader, _("The spec of the audience “%s” is not a targeting spec Herald "
                               "can read: %s"),
                     row->name, error->message);
        return;
      }
  }

  hd_audience_set_spec (audience, spec);
}

static gboolean
parse_level (const char *text,
             guint      *level)
{
  g_autofree char *folded = g_ascii_strdown (text, -1);

  if (strcmp (folded, "campaign") == 0)
    *level = LEVEL_CAMPAIGN;
  else if (strcmp (folded, "ad set") == 0 || strcmp (folded, "adset") == 0 ||
           strcmp (folded, "ad_set") == 0)
    *level = LEVEL_AD_SET;
  else if (strcmp (folded, "ad") == 0)
    *level = LEVEL_AD;
  else if (strcmp (folded, "audience") == 0)
    *level = LEVEL_AUDIENCE;
  else
    return FALSE;

  return TRUE;
}

static void
read_row (Reader            *reader,
          const HdCsvRecord *record)
{
  g_autoptr(GString) blank = g_string_new (NULL);
  const char *level_text;
  const char *name;
  Row *row;
  guint level;

  reader->record = record;
  for (guint f = 0; f < record->n_fields; f++)
    g_string_append (blank, g_strstrip (record->fields[f]));
  if (blank->len == 0)
    return;

  row = g_new0 (Row, 1);
  row->line = record->line;
  reader->row = row;

  level_text = cell (reader, COL_LEVEL);
  name = cell (reader, COL_NAME);
  if (level_text == NULL || !parse_level (level_text, &level))
    {
      add_problem (reader->report, record->line,
                   _("“%s” is not a level: write Campaign, Ad set, Ad or Audience."),
                   level_text != NULL ? level_text : "");
      row_free (row);
      return;
    }
  row->level = level;

  if (name == NULL)
    add_problem (reader->report, record->line, "%s",
                 level == LEVEL_CAMPAIGN ? _("Give the campaign a name.")
                 : level == LEVEL_AD_SET ? _("Give the ad set a name.")
                 : level == LEVEL_AD ? _("Give the ad a name.")
                 : _("Give the audience a name."));
  row->name = g_strdup (name != NULL ? name : "");

  /* A value in a column of another level would be silently dropped: say so instead. */
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (!(columns[c].levels & level) && cell (reader, c) != NULL)
        add_problem (reader->report, record->line,
                     _("The “%s” column is not for a row of level %s; leave it empty here."),
                     columns[c].name, level_name (level));
    }

  switch (level)
    {
    case LEVEL_CAMPAIGN:
      read_campaign (reader);
      break;
    case LEVEL_AD_SET:
      read_ad_set (reader);
      break;
    case LEVEL_AD:
      read_ad (reader);
      break;
    default:
      read_audience (reader);
      break;
    }

  g_ptr_array_add (reader->report->rows, row);
}

/* Checking the rows against each other and against the store */

typedef struct
{
  HdStore   *store;
  GPtrArray *accounts;
  GPtrArray *campaigns;
  GPtrArray *ad_sets;
  GPtrArray *ads;
  GPtrArray *audiences;
} Stored;

static void
stored_clear (Stored *stored)
{
  g_clear_pointer (&stored->accounts, g_ptr_array_unref);
  g_clear_pointer (&stored->campaigns, g_ptr_array_unref);
  g_clear_pointer (&stored->ad_sets, g_ptr_array_unref);
  g_clear_pointer (&stored->ads, g_ptr_array_unref);
  g_clear_pointer (&stored->audiences, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stored, stored_clear)

static GPtrArray *
array_of (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  return items;
}

static gboolean
stored_load (Stored   *stored,
             HdStore  *store,
             GError  **error)
{
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GListModel) campaigns = NULL;
  g_autoptr(GListModel) ad_sets = NULL;
  g_autoptr(GListModel) ads = NULL;
  g_autoptr(GListModel) audiences = NULL;

  stored->store = store;
  if (store != NULL)
    {
      if ((accounts = hd_store_list_ad_accounts (store, NULL, error)) == NULL ||
          (campaigns = hd_store_list_campaigns (store, error)) == NULL ||
          (ad_sets = hd_store_list_ad_sets (store, NULL, error)) == NULL ||
          (ads = hd_store_list_ads (store, NULL, error)) == NULL ||
          (audiences = hd_store_list_audiences (store, error)) == NULL)
        return FALSE;
    }

  stored->accounts = array_of (accounts);
  stored->campaigns = array_of (campaigns);
  stored->ad_sets = array_of (ad_sets);
  stored->ads = array_of (ads);
  stored->audiences = array_of (audiences);

  return TRUE;
}

static HdAdAccount *
find_account (Stored     *stored,
              const char *id,
              const char *remote_id)
{
  for (guint i = 0; i < stored->accounts->len; i++)
    {
      HdAdAccount *account = g_ptr_array_index (stored->accounts, i);

      if ((id != NULL && g_strcmp0 (hd_ad_account_get_id (account), id) == 0) ||
          (id == NULL && remote_id != NULL &&
           g_strcmp0 (hd_ad_account_get_remote_id (account), remote_id) == 0))
        return account;
    }

  return NULL;
}

static HdCampaign *
find_stored_campaign_by_id (Stored     *stored,
                            const char *id)
{
  for (guint i = 0; i < stored->campaigns->len; i++)
    {
      HdCampaign *campaign = g_ptr_array_index (stored->campaigns, i);

      if (g_strcmp0 (hd_campaign_get_id (campaign), id) == 0)
        return campaign;
    }

  return NULL;
}

static const char *
stored_campaign_currency (Stored     *stored,
                          HdCampaign *campaign)
{
  HdAdAccount *account = find_account (stored, hd_campaign_get_account_id (campaign),
                                       hd_campaign_get_ad_account_id (campaign));

  return account != NULL ? hd_ad_account_get_currency (account) : NULL;
}

/* The fields the file holds, compared and copied onto the stored object an import updates, so
 * that what only Meta's answers or the estimates write is kept. */

static gboolean
same_campaign (HdCampaign *a,
               HdCampaign *b)
{
  return g_strcmp0 (hd_campaign_get_name (a), hd_campaign_get_name (b)) == 0
         && g_strcmp0 (hd_campaign_get_ad_account_id (a), hd_campaign_get_ad_account_id (b)) == 0
         && g_strcmp0 (hd_campaign_get_account_id (a), hd_campaign_get_account_id (b)) == 0
         && g_strcmp0 (hd_campaign_get_objective (a), hd_campaign_get_objective (b)) == 0
         && g_strcmp0 (hd_campaign_get_special_ad_categories (a),
                       hd_campaign_get_special_ad_categories (b)) == 0
         && hd_campaign_get_status (a) == hd_campaign_get_status (b)
         && g_strcmp0 (hd_campaign_get_bid_strategy (a), hd_campaign_get_bid_strategy (b)) == 0;
}

static void
copy_campaign (HdCampaign *to,
               HdCampaign *from)
{
  hd_campaign_set_name (to, hd_campaign_get_name (from));
  hd_campaign_set_ad_account_id (to, hd_campaign_get_ad_account_id (from));
  hd_campaign_set_account_id (to, hd_campaign_get_account_id (from));
  hd_campaign_set_objective (to, hd_campaign_get_objective (from));
  hd_campaign_set_special_ad_categories (to, hd_campaign_get_special_ad_categories (from));
  hd_campaign_set_status (to, hd_campaign_get_status (from));
  hd_campaign_set_bid_strategy (to, hd_campaign_get_bid_strategy (from));
}

static gboolean
same_json (const char *a,
           const char *b)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  first = json_from_string (a, NULL);
  second = json_from_string (b, NULL);

  return first != NULL && second != NULL && json_node_equal (first, second);
}

static gboolean
same_ad_set (HdAdSet *a,
             HdAdSet *b)
{
  return g_strcmp0 (hd_ad_set_get_campaign_id (a), hd_ad_set_get_campaign_id (b)) == 0
         && g_strcmp0 (hd_ad_set_get_name (a), hd_ad_set_get_name (b)) == 0
         && hd_ad_set_get_budget_kind (a) == hd_ad_set_get_budget_kind (b)
         && hd_ad_set_get_budget_minor (a) == hd_ad_set_get_budget_minor (b)
         && g_strcmp0 (hd_ad_set_get_currency (a), hd_ad_set_get_currency (b)) == 0
         && hd_ad_set_get_starts_at (a) == hd_ad_set_get_starts_at (b)
         && hd_ad_set_get_ends_at (a) == hd_ad_set_get_ends_at (b)
         && g_strcmp0 (hd_ad_set_get_time_zone (a), hd_ad_set_get_time_zone (b)) == 0
         && g_strcmp0 (hd_ad_set_get_optimization_goal (a),
                       hd_ad_set_get_optimization_goal (b)) == 0
         && g_strcmp0 (hd_ad_set_get_billing_event (a), hd_ad_set_get_billing_event (b)) == 0
         && g_strcmp0 (hd_ad_set_get_destination_type (a),
                       hd_ad_set_get_destination_type (b)) == 0
         && g_strcmp0 (hd_ad_set_get_audience_id (a), hd_ad_set_get_audience_id (b)) == 0
         && same_json (hd_ad_set_get_placements (a), hd_ad_set_get_placements (b))
         && same_json (hd_ad_set_get_dayparting (a), hd_ad_set_get_dayparting (b))
         && hd_ad_set_get_status (a) == hd_ad_set_get_status (b)
         && hd_ad_set_get_bid_amount (a) == hd_ad_set_get_bid_amount (b);
}

static void
copy_ad_set (HdAdSet *to,
             HdAdSet *from)
{
  hd_ad_set_set_campaign_id (to, hd_ad_set_get_campaign_id (from));
  hd_ad_set_set_name (to, hd_ad_set_get_name (from));
  hd_ad_set_set_budget_kind (to, hd_ad_set_get_budget_kind (from));
  hd_ad_set_set_budget_minor (to, hd_ad_set_get_budget_minor (from));
  hd_ad_set_set_currency (to, hd_ad_set_get_currency (from));
  hd_ad_set_set_starts_at (to, hd_ad_set_get_starts_at (from));
  hd_ad_set_set_ends_at (to, hd_ad_set_get_ends_at (from));
  hd_ad_set_set_time_zone (to, hd_ad_set_get_time_zone (from));
  hd_ad_set_set_optimization_goal (to, hd_ad_set_get_optimization_goal (from));
  hd_ad_set_set_billing_event (to, hd_ad_set_get_billing_event (from));
  hd_ad_set_set_destination_type (to, hd_ad_set_get_destination_type (from));
  hd_ad_set_set_audience_id (to, hd_ad_set_get_audience_id (from));
  /* An equal schedule written another way keeps the stored text. */
  if (!same_json (hd_ad_set_get_placements (to), hd_ad_set_get_placements (from)))
    hd_ad_set_set_placements (to, hd_ad_set_get_placements (from));
  if (!same_json (hd_ad_set_get_dayparting (to), hd_ad_set_get_dayparting (from)))
    hd_ad_set_set_dayparting (to, hd_ad_set_get_dayparting (from));
  hd_ad_set_set_status (to, hd_ad_set_get_status (from));
  hd_ad_set_set_bid_amount (to, hd_ad_set_get_bid_amount (from));
}

static gboolean
same_ad (HdAd *a,
         HdAd *b)
{
  return g_strcmp0 (hd_ad_get_ad_set_id (a), hd_ad_get_ad_set_id (b)) == 0
         && g_strcmp0 (hd_ad_get_name (a), hd_ad_get_name (b)) == 0
         && hd_ad_get_status (a) == hd_ad_get_status (b)
         && g_strcmp0 (hd_ad_get_headline (a), hd_ad_get_headline (b)) == 0
         && g_strcmp0 (hd_ad_get_body (a), hd_ad_get_body (b)) == 0
         && g_strcmp0 (hd_ad_get_link (a), hd_ad_get_link (b)) == 0
         && g_strcmp0 (hd_ad_get_call_to_action (a), hd_ad_get_call_to_action (b)) == 0
         && g_strcmp0 (hd_ad_get_page_remote_id (a), hd_ad_get_page_remote_id (b)) == 0
         && g_strcmp0 (hd_ad_get_post_id (a), hd_ad_get_post_id (b)) == 0
         && g_strcmp0 (hd_ad_get_image_sha256 (a), hd_ad_get_image_sha256 (b)) == 0;
}

static void
copy_ad (HdAd *to,
         HdAd *from)
{
  hd_ad_set_ad_set_id (to, hd_ad_get_ad_set_id (from));
  hd_ad_set_name (to, hd_ad_get_name (from));
  hd_ad_set_status (to, hd_ad_get_status (from));
  hd_ad_set_headline (to, hd_ad_get_headline (from));
  hd_ad_set_body (to, hd_ad_get_body (from));
  hd_ad_set_link (to, hd_ad_get_link (from));
  hd_ad_set_call_to_action (to, hd_ad_get_call_to_action (from));
  hd_ad_set_page_remote_id (to, hd_ad_get_page_remote_id (from));
  hd_ad_set_post_id (to, hd_ad_get_post_id (from));
  hd_ad_set_image_sha256 (to, hd_ad_get_image_sha256 (from));
}

/* The row becomes an update of @existing (a new reference): it takes the stored object,
 * with the file's fields copied on, and notes whether they change anything. */
static void
become_update (Row     *row,
               GObject *existing)
{
  g_autoptr(GObject) parsed = NULL;

  /* Unreadable now means gone since the lists were read: the row creates the object. */
  if (existing == NULL)
    return;

  parsed = g_steal_pointer (&row->object);
  row->stored = TRUE;
  row->object = existing;

  switch (row->level)
    {
    case LEVEL_CAMPAIGN:
      row->unchanged = same_campaign (HD_CAMPAIGN (existing), HD_CAMPAIGN (parsed));
      copy_campaign (HD_CAMPAIGN (existing), HD_CAMPAIGN (parsed));
      break;
    case LEVEL_AD_SET:
      row->unchanged = same_ad_set (HD_AD_SET (existing), HD_AD_SET (parsed));
      copy_ad_set (HD_AD_SET (existing), HD_AD_SET (parsed));
      break;
    case LEVEL_AD:
      row->unchanged = same_ad (HD_AD (existing), HD_AD (parsed));
      copy_ad (HD_AD (existing), HD_AD (parsed));
      break;
    default:
      row->unchanged =
        g_strcmp0 (hd_audience_get_spec (HD_AUDIENCE (existing)),
                   hd_audience_get_spec (HD_AUDIENCE (parsed))) == 0;
      hd_audience_set_spec (HD_AUDIENCE (existing), hd_audience_get_spec (HD_AUDIENCE (parsed)));
      break;
    }
}

/* Names are unique under their parent: @key is the parent's id and the name. */
static gboolean
claim_name (HdAdsCsvReport *report,
            GHashTable     *seen,
            Row            *row,
            const char     *parent,
            const char     *what)
{
  g_autofree char *key = g_strconcat (parent != NULL ? parent : "", "\n", row->name, NULL);
  Row *first;

  if (*row->name == '\0')
    return FALSE;

  first = g_hash_table_lookup (seen, key);
  if (first != NULL)
    {
      /* Translators: the first %s is "campaign", "ad set", "ad" or "audience" */
      add_problem (report, row->line,
                   _("Another %s on line %u has the name “%s” under the same parent; give each "
                     "its own name."),
                   what, first->line, row->name);
      return FALSE;
    }

  g_hash_table_insert (seen, g_steal_pointer (&key), row);
  return TRUE;
}

static void
resolve_audiences (HdAdsCsvReport *report,
                   Stored         *stored,
                   GHashTable     *seen)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *row = g_ptr_array_index (report->rows, i);

      if (row->level != LEVEL_AUDIENCE || !claim_name (report, seen, row, NULL, _("audience")))
        continue;

      for (guint s = 0; s < stored->audiences->len; s++)
        {
          HdAudience *audience = g_ptr_array_index (stored->audiences, s);

          if (g_strcmp0 (hd_audience_get_name (audience), row->name) == 0)
            {
              become_update (row, G_OBJECT (hd_store_load_audience (stored->store,
                                                                    hd_audience_get_id (audience),
                                                                    NULL)));
              break;
            }
        }
    }
}

static void
resolve_campaigns (HdAdsCsvReport *report,
                   Stored         *stored,
                   GHashTable     *seen)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *row = g_ptr_array_index (report->rows, i);
      HdCampaign *campaign;

      if (row->level != LEVEL_CAMPAIGN)
        continue;
      campaign = HD_CAMPAIGN (row->object);

      if (row->account_remote_id != NULL && stored->store != NULL)
        {
          HdAdAccount *account = find_account (stored, NULL, row->account_remote_id);

          if (account == NULL)
            add_problem (report, row->line,
                         _("Herald doesn’t reach the ad account %s. Connect the Facebook "
                           "channel that manages it, or correct the id."),
                         row->account_remote_id);
          else
            {
              const char *currency = hd_ad_account_get_currency (account);

              if (row->currency != NULL && g_strcmp0 (row->currency, currency) != 0)
                add_problem (report, row->line,
                             _("The ad account %s pays in %s, not %s: write its currency."),
                             row->account_remote_id, currency, row->currency);
              g_free (row->currency);
              row->currency = g_strdup (currency);
              hd_campaign_set_account_id (campaign, hd_ad_account_get_id (account));
            }
        }
      else if (row->account_remote_id != NULL && row->currency == NULL)
        {
          add_problem (report, row->line,
                       _("Write the currency the ad account %s pays in, such as GBP."),
                       row->account_remote_id);
        }

      if (!claim_name (report, seen, row, row->account_remote_id, _("campaign")))
        continue;

      for (guint s = 0; s < stored->campaigns->len; s++)
        {
          HdCampaign *existing = g_ptr_array_index (stored->campaigns, s);

          if (g_strcmp0 (hd_campaign_get_name (existing), row->name) == 0 &&
              row->account_remote_id != NULL &&
              g_strcmp0 (hd_campaign_get_ad_account_id (existing), row->account_remote_id) == 0)
            {
              become_update (row, G_OBJECT (hd_store_load_campaign (stored->store,
                                                                    hd_campaign_get_id (existing),
                                                                    NULL)));
              break;
            }
        }
    }
}

/* The campaign an ad set names: one in the file, or else one in the store. */
static gboolean
find_campaign (HdAdsCsvReport  *report,
               Stored          *stored,
               Row             *row,
               const char     **campaign_id,
               const char     **currency)
{
  Row *found = NULL;
  HdCampaign *found_stored = NULL;
  guint n = 0;

  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *other = g_ptr_array_index (report->rows, i);

      if (other->level == LEVEL_CAMPAIGN && g_strcmp0 (other->name, row->campaign_name) == 0)
        {
          found = other;
          n++;
        }
    }
  if (n == 0)
    {
      for (guint s = 0; s < stored->campaigns->len; s++)
        {
          HdCampaign *campaign = g_ptr_array_index (stored->campaigns, s);

          if (g_strcmp0 (hd_campaign_get_name (campaign), row->campaign_name) == 0)
            {
              found_stored = campaign;
              n++;
            }
        }
    }

  if (n > 1)
    {
      add_problem (report, row->line,
                   _("More than one campaign is called “%s”, so Herald can’t tell which one the "
                     "ad set “%s” belongs to. Give the campaigns different names."),
                   row->campaign_name, row->name);
      return FALSE;
    }
  if (n == 0)
    {
      add_problem (report, row->line,
                   _("The ad set “%s” belongs to the campaign “%s”, which is neither in the file "
                     "nor in Herald."),
                   row->name, row->campaign_name);
      return FALSE;
    }

  if (found != NULL)
    {
      *campaign_id = hd_campaign_get_id (HD_CAMPAIGN (found->object));
      *currency = found->currency;
    }
  else
    {
      *campaign_id = hd_campaign_get_id (found_stored);
      *currency = stored_campaign_currency (stored, found_stored);
    }

  return TRUE;
}

static const char *
find_audience (HdAdsCsvReport *report,
               Stored         *stored,
               const char     *name)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *other = g_ptr_array_index (report->rows, i);

      if (other->level == LEVEL_AUDIENCE && g_strcmp0 (other->name, name) == 0)
        return hd_audience_get_id (HD_AUDIENCE (other->object));
    }
  for (guint s = 0; s < stored->audiences->len; s++)
    {
      HdAudience *audience = g_ptr_array_index (stored->audiences, s);

      if (g_strcmp0 (hd_audience_get_name (audience), name) == 0)
        return hd_audience_get_id (audience);
    }

  return NULL;
}

static gboolean
read_money (HdAdsCsvReport *report,
            Row            *row,
            const char     *text,
            const char     *currency,
            const char     *what,
            gint64         *minor)
{
  g_autoptr(GError) error = NULL;

  *minor = 0;
  if (text == NULL)
    return TRUE;
  if (hd_money_parse (text, currency, &file_money_style, minor, &error))
    return TRUE;

  /* Translators: the first %s is "budget" or "bid cap", then the amount, then the reason */
  add_problem (report, row->line, _("The %s “%s” can’t be used: %s"), what, text,
               error->message);
  return FALSE;
}

static void
resolve_ad_sets (HdAdsCsvReport *report,
                 Stored         *stored,
                 GHashTable     *seen)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *row = g_ptr_array_index (report->rows, i);
      const char *campaign_id = NULL;
      const char *currency = NULL;
      HdAdSet *ad_set;
      gint64 minor;

      if (row->level != LEVEL_AD_SET || row->campaign_name == NULL ||
          !find_campaign (report, stored, row, &campaign_id, &currency))
        continue;
      ad_set = HD_AD_SET (row->object);
      hd_ad_set_set_campaign_id (ad_set, campaign_id);

      if (currency != NULL && row->currency != NULL && strcmp (currency, row->currency) != 0)
        add_problem (report, row->line,
                     _("The ad set “%s” is in %s, but its campaign’s ad account pays in %s."),
                     row->name, row->currency, currency);
      if (currency == NULL)
        currency = row->currency;

      if (currency == NULL)
        add_problem (report, row->line,
                     _("Herald can’t tell the currency of the ad set “%s”: write it in the "
                       "“Currency” column."),
                     row->name);
      else
        {
          hd_ad_set_set_currency (ad_set, currency);
          if (read_money (report, row, row->budget_text, currency, _("budget"), &minor))
            hd_ad_set_set_budget_minor (ad_set, minor);
          if (read_money (report, row, row->bid_text, currency, _("bid cap"), &minor))
            hd_ad_set_set_bid_amount (ad_set, minor);
        }

      if (row->audience_name != NULL)
        {
          const char *audience_id = find_audience (report, stored, row->audience_name);

          if (audience_id == NULL)
            add_problem (report, row->line,
                         _("The audience “%s” is neither in the file nor in Herald."),
                         row->audience_name);
          hd_ad_set_set_audience_id (ad_set, audience_id);
        }

      if (!claim_name (report, seen, row, campaign_id, _("ad set")))
        continue;

      for (guint s = 0; s < stored->ad_sets->len; s++)
        {
          HdAdSet *existing = g_ptr_array_index (stored->ad_sets, s);

          if (g_strcmp0 (hd_ad_set_get_name (existing), row->name) == 0 &&
              g_strcmp0 (hd_ad_set_get_campaign_id (existing), campaign_id) == 0)
            {
              become_update (row, G_OBJECT (hd_store_load_ad_set (stored->store,
                                                                  hd_ad_set_get_id (existing),
                                                                  NULL)));
              break;
            }
        }
    }
}

static const char *
find_ad_set (HdAdsCsvReport *report,
             Stored         *stored,
             Row            *row)
{
  const char *found = NULL;
  guint n = 0;

  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *other = g_ptr_array_index (report->rows, i);

      if (other->level == LEVEL_AD_SET && g_strcmp0 (other->name, row->ad_set_name) == 0 &&
          (row->campaign_name == NULL || g_strcmp0 (other->campaign_name, row->campaign_name) == 0))
        {
          found = hd_ad_set_get_campaign_id (HD_AD_SET (other->object)) != NULL
                  ? hd_ad_set_get_id (HD_AD_SET (other->object)) : NULL;
          n++;
        }
    }
  if (n == 0)
    {
      for (guint s = 0; s < stored->ad_sets->len; s++)
        {
          HdAdSet *ad_set = g_ptr_array_index (stored->ad_sets, s);
          HdCampaign *campaign = find_stored_campaign_by_id (stored,
                                                             hd_ad_set_get_campaign_id (ad_set));

          if (g_strcmp0 (hd_ad_set_get_name (ad_set), row->ad_set_name) == 0 &&
              (row->campaign_name == NULL ||
               (campaign != NULL &&
                g_strcmp0 (hd_campaign_get_name (campaign), row->campaign_name) == 0)))
            {
              found = hd_ad_set_get_id (ad_set);
              n++;
            }
        }
    }

  if (n > 1)
    {
      add_problem (report, row->line,
                   _("More than one ad set is called “%s”; name the campaign of the ad “%s” in "
                     "the “Campaign” column too."),
                   row->ad_set_name, row->name);
      return NULL;
    }
  if (n == 0)
    add_problem (report, row->line,
                 _("The ad “%s” belongs to the ad set “%s”, which is neither in the file nor in "
                   "Herald."),
                 row->name, row->ad_set_name);

  /* An ad set whose own campaign is missing has its problem on its own line already. */
  return found;
}

static void
resolve_ads (HdAdsCsvReport *report,
             Stored         *stored,
             GHashTable     *seen)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      Row *row = g_ptr_array_index (report->rows, i);
      const char *ad_set_id;
      HdAd *ad;

      if (row->level != LEVEL_AD || row->ad_set_name == NULL ||
          (ad_set_id = find_ad_set (report, stored, row)) == NULL)
        continue;
      ad = HD_AD (row->object);
      hd_ad_set_ad_set_id (ad, ad_set_id);

      if (stored->store != NULL && hd_ad_get_post_id (ad) != NULL)
        {
          g_autoptr(HdPost) post = hd_store_load_post (stored->store, hd_ad_get_post_id (ad),
                                                       NULL);

          if (post == NULL)
            add_problem (report, row->line, _("No post in Herald has the id “%s”."),
                         hd_ad_get_post_id (ad));
        }
      if (stored->store != NULL && hd_ad_get_image_sha256 (ad) != NULL)
        {
          g_autoptr(HdMedia) media = hd_store_load_media (stored->store,
                                                          hd_ad_get_image_sha256 (ad), NULL);

          if (media == NULL)
            add_problem (report, row->line,
                         _("Herald’s media library has no picture %s. Add the picture to "
                           "Herald first."),
                         hd_ad_get_image_sha256 (ad));
        }

      if (!claim_name (report, seen, row, ad_set_id, _("ad")))
        continue;

      for (guint s = 0; s < stored->ads->len; s++)
        {
          HdAd *existing = g_ptr_array_index (stored->ads, s);

          if (g_strcmp0 (hd_ad_get_name (existing), row->name) == 0 &&
              g_strcmp0 (hd_ad_get_ad_set_id (existing), ad_set_id) == 0)
            {
              become_update (row, G_OBJECT (hd_store_load_ad (stored->store,
                                                              hd_ad_get_id (existing), NULL)));
              break;
            }
        }
    }
}

gboolean
hd_store_check_ads_csv (HdStore          *self,
                        const char       *data,
                        gsize             length,
                        HdAdsCsvReport  **report,
                        GError          **error)
{
  g_autoptr(HdAdsCsvReport) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(Stored) stored = { 0 };
  Reader reader = { 0 };

  g_return_val_if_fail (self == NULL || HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  records = hd_csv_read (data != NULL ? data : "", length, error);
  if (records == NULL)
    return FALSE;
  if (records->len == 0)
    {
      g_set_error (error, HD_CSV_ERROR, HD_CSV_ERROR_EMPTY,
                   _("The file is empty. Export from Herald to see the layout it takes."));
      return FALSE;
    }

  result = g_object_new (HD_TYPE_ADS_CSV_REPORT, NULL);
  reader.report = result;
  if (!read_header (result, g_ptr_array_index (records, 0), reader.index, error))
    return FALSE;

  for (guint i = 1; i < records->len; i++)
    read_row (&reader, g_ptr_array_index (records, i));

  if (!stored_load (&stored, self, error))
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  resolve_audiences (result, &stored, seen);
  g_hash_table_remove_all (seen);
  resolve_campaigns (result, &stored, seen);
  g_hash_table_remove_all (seen);
  resolve_ad_sets (result, &stored, seen);
  g_hash_table_remove_all (seen);
  resolve_ads (result, &stored, seen);

  result->with_store = self != NULL;
  g_array_sort (result->problems, compare_problems);
  *report = g_steal_pointer (&result);

  return TRUE;
}

/* Writing the objects */

static gboolean
save_row (HdStore  *store,
          Row      *row,
          GError  **error)
{
  switch (row->level)
    {
    case LEVEL_CAMPAIGN:
      return hd_store_save_campaign_queued (store, HD_CAMPAIGN (row->object), error);
    case LEVEL_AD_SET:
      return hd_store_save_ad_set_queued (store, HD_AD_SET (row->object), error);
    case LEVEL_AD:
      return hd_store_save_ad_queued (store, HD_AD (row->object), error);
    default:
      /* Audiences are Herald's own: Meta gets their spec inside each ad set's targeting, so
       * a changed one queues the ad sets on Meta that use it. */
      return hd_store_save_audience_queued (store, HD_AUDIENCE (row->object), error);
    }
}

gboolean
hd_store_import_ads_csv (HdStore         *self,
                         HdAdsCsvReport  *report,
                         guint           *n_created,
                         guint           *n_updated,
                         GError         **error)
{
  /* Parents before children, so every reference finds its row. */
  static const guint order[] = { LEVEL_AUDIENCE, LEVEL_CAMPAIGN, LEVEL_AD_SET, LEVEL_AD };
  guint created = 0;
  guint updated = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_ADS_CSV_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report->problems->len > 0 || !report->with_store)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald imports a file only when every row of it is ready. Fix the rows "
                     "listed and import it again."));
      return FALSE;
    }

  if (!hd_store_begin (self, error))
    return FALSE;

  for (guint o = 0; o < G_N_ELEMENTS (order); o++)
    {
      for (guint i = 0; i < report->rows->len; i++)
        {
          Row *row = g_ptr_array_index (report->rows, i);

          if (row->level != order[o] || row->unchanged)
            continue;
          if (!save_row (self, row, error))
            {
              hd_store_rollback (self);
              g_prefix_error (error, _("Line %u: "), row->line);
              return FALSE;
            }
          if (row->stored)
            updated++;
          else
            created++;
        }
    }

  if (!hd_store_commit (self, error))
    return FALSE;

  if (n_created != NULL)
    *n_created = created;
  if (n_updated != NULL)
    *n_updated = updated;

  return TRUE;
}

/* Export */

static void
append_row (GString     *out,
            const char **cells)
{
  hd_csv_append_record (out, cells, N_COLUMNS);
}

static const char *
audience_name_of (GPtrArray  *audiences,
                  const char *id)
{
  for (guint i = 0; id != NULL && i < audiences->len; i++)
    {
      HdAudience *audience = g_ptr_array_index (audiences, i);

      if (g_strcmp0 (hd_audience_get_id (audience), id) == 0)
        return hd_audience_get_name (audience);
    }

  return NULL;
}

static void
append_audience (GString    *out,
                 HdAudience *audience)
{
  const char *cells[N_COLUMNS] = { NULL };
  g_autoptr(HdTargeting) targeting = NULL;
  g_autofree char *summary = NULL;

  targeting = hd_targeting_new_from_json (hd_audience_get_spec (audience), NULL);
  if (targeting != NULL)
    summary = hd_targeting_describe (targeting);

  cells[COL_LEVEL] = level_name (LEVEL_AUDIENCE);
  cells[COL_NAME] = hd_audience_get_name (audience);
  cells[COL_SPEC] = hd_audience_get_spec (audience);
  cells[COL_SUMMARY] = summary;
  append_row (out, cells);
}

static void
append_campaign (GString     *out,
                 HdCampaign  *campaign,
                 const char  *currency)
{
  const char *cells[N_COLUMNS] = { NULL };
  g_autofree char *categories = NULL;

  categories = format_categories (hd_campaign_get_special_ad_categories (campaign));

  cells[COL_LEVEL] = level_name (LEVEL_CAMPAIGN);
  cells[COL_NAME] = hd_campaign_get_name (campaign);
  cells[COL_STATUS] = status_text (hd_campaign_get_status (campaign));
  cells[COL_ACCOUNT] = hd_campaign_get_ad_account_id (campaign);
  cells[COL_CURRENCY] = currency;
  cells[COL_OBJECTIVE] = hd_campaign_get_objective (campaign);
  cells[COL_CATEGORIES] = categories;
  cells[COL_BID_STRATEGY] = hd_campaign_get_bid_strategy (campaign);
  append_row (out, cells);
}

/* The readable form when it says exactly what is stored, else the stored JSON itself. */
static char *
dayparting_cell (const char  *json,
                 const char **zone)
{
  HdDaypart daypart;

  *zone = NULL;
  if (json == NULL || *json == '\0')
    return NULL;
  if (!hd_daypart_from_json (json, &daypart, NULL) || hd_daypart_is_empty (&daypart))
    return g_strdup (json);

  *zone = daypart.zone == HD_DAYPART_ZONE_USER ? "Viewer" : "Ad account";
  return format_daypart (&daypart);
}

static void
append_ad_set (GString    *out,
               HdAdSet    *ad_set,
               HdCampaign *campaign,
               GPtrArray  *audiences)
{
  const char *cells[N_COLUMNS] = { NULL };
  const char *currency = hd_ad_set_get_currency (ad_set);
  const char *zone = hd_ad_set_get_time_zone (ad_set);
  const char *placements = hd_ad_set_get_placements (ad_set);
  g_autofree char *budget = NULL;
  g_autofree char *bid = NULL;
  g_autofree char *start = format_instant (hd_ad_set_get_starts_at (ad_set), zone);
  g_autofree char *end = format_instant (hd_ad_set_get_ends_at (ad_set), zone);
  g_autofree char *placements_text = NULL;
  g_autofree char *dayparting = NULL;

  if (hd_ad_set_get_budget_minor (ad_set) > 0)
    budget = format_amount (hd_ad_set_get_budget_minor (ad_set), currency);
  if (hd_ad_set_get_bid_amount (ad_set) > 0)
    bid = format_amount (hd_ad_set_get_bid_amount (ad_set), currency);
  if (placements != NULL && *placements != '\0')
    {
      placements_text = format_placements (placements);
      if (placements_text == NULL)
        placements_text = g_strdup (placements);
    }
  dayparting = dayparting_cell (hd_ad_set_get_dayparting (ad_set),
                                &cells[COL_DAYPARTING_ZONE]);

  cells[COL_LEVEL] = level_name (LEVEL_AD_SET);
  cells[COL_NAME] = hd_ad_set_get_name (ad_set);
  cells[COL_CAMPAIGN] = hd_campaign_get_name (campaign);
  cells[COL_STATUS] = status_text (hd_ad_set_get_status (ad_set));
  cells[COL_CURRENCY] = currency;
  cells[COL_BUDGET_TYPE] = hd_ad_set_get_budget_kind (ad_set) == HD_BUDGET_KIND_LIFETIME
                           ? "Lifetime" : "Daily";
  cells[COL_BUDGET] = budget;
  cells[COL_BID_CAP] = bid;
  cells[COL_START] = start;
  cells[COL_END] = end;
  cells[COL_TIME_ZONE] = zone;
  cells[COL_OPTIMIZATION_GOAL] = hd_ad_set_get_optimization_goal (ad_set);
  cells[COL_BILLING_EVENT] = hd_ad_set_get_billing_event (ad_set);
  cells[COL_DESTINATION_TYPE] = hd_ad_set_get_destination_type (ad_set);
  cells[COL_AUDIENCE] = audience_name_of (audiences, hd_ad_set_get_audience_id (ad_set));
  cells[COL_PLACEMENTS] = placements_text;
  cells[COL_DAYPARTING] = dayparting;
  append_row (out, cells);
}

static void
append_ad (GString    *out,
           HdAd       *ad,
           HdAdSet    *ad_set,
           HdCampaign *campaign)
{
  const char *cells[N_COLUMNS] = { NULL };

  cells[COL_LEVEL] = level_name (LEVEL_AD);
  cells[COL_NAME] = hd_ad_get_name (ad);
  cells[COL_CAMPAIGN] = hd_campaign_get_name (campaign);
  cells[COL_AD_SET] = hd_ad_set_get_name (ad_set);
  cells[COL_STATUS] = status_text (hd_ad_get_status (ad));
  cells[COL_HEADLINE] = hd_ad_get_headline (ad);
  cells[COL_TEXT] = hd_ad_get_body (ad);
  cells[COL_LINK] = hd_ad_get_link (ad);
  cells[COL_CALL_TO_ACTION] = hd_ad_get_call_to_action (ad);
  cells[COL_PAGE_ID] = hd_ad_get_page_remote_id (ad);
  cells[COL_POST_ID] = hd_ad_get_post_id (ad);
  cells[COL_MEDIA] = hd_ad_get_image_sha256 (ad);
  append_row (out, cells);
}

static gboolean
is_used (GPtrArray  *ad_sets,
         const char *audience_id)
{
  for (guint i = 0; i < ad_sets->len; i++)
    {
      if (g_strcmp0 (hd_ad_set_get_audience_id (g_ptr_array_index (ad_sets, i)), audience_id) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
hd_store_export_ads_csv (HdStore     *self,
                         const char  *campaign_name,
                         GString     *out,
                         GError     **error)
{
  g_auto(Stored) stored = { 0 };
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new ();
  g_autoptr(GPtrArray) ad_sets = g_ptr_array_new ();
  const char *header[N_COLUMNS];

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stored_load (&stored, self, error))
    return FALSE;

  for (guint i = 0; i < stored.campaigns->len; i++)
    {
      HdCampaign *campaign = g_ptr_array_index (stored.campaigns, i);

      if (campaign_name == NULL || g_strcmp0 (hd_campaign_get_name (campaign), campaign_name) == 0)
        g_ptr_array_add (campaigns, campaign);
    }
  if (campaign_name != NULL && campaigns->len == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("No campaign is called “%s”. Check the name, or leave it out to export "
                     "every campaign."),
                   campaign_name);
      return FALSE;
    }

  for (guint i = 0; i < stored.ad_sets->len; i++)
    {
      HdAdSet *ad_set = g_ptr_array_index (stored.ad_sets, i);

      for (guint c = 0; c < campaigns->len; c++)
        {
          if (g_strcmp0 (hd_ad_set_get_campaign_id (ad_set),
                         hd_campaign_get_id (g_ptr_array_index (campaigns, c))) == 0)
            g_ptr_array_add (ad_sets, ad_set);
        }
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    header[c] = columns[c].name;
  append_row (out, header);

  for (guint i = 0; i < stored.audiences->len; i++)
    {
      HdAudience *audience = g_ptr_array_index (stored.audiences, i);

      if (campaign_name == NULL || is_used (ad_sets, hd_audience_get_id (audience)))
        append_audience (out, audience);
    }

  for (guint c = 0; c < campaigns->len; c++)
    {
      HdCampaign *campaign = g_ptr_array_index (campaigns, c);

      append_campaign (out, campaign, stored_campaign_currency (&stored, campaign));
      for (guint s = 0; s < ad_sets->len; s++)
        {
          HdAdSet *ad_set = g_ptr_array_index (ad_sets, s);

          if (g_strcmp0 (hd_ad_set_get_campaign_id (ad_set), hd_campaign_get_id (campaign)) != 0)
            continue;
          append_ad_set (out, ad_set, campaign, stored.audiences);
          for (guint a = 0; a < stored.ads->len; a++)
            {
              HdAd *ad = g_ptr_array_index (stored.ads, a);

              if (g_strcmp0 (hd_ad_get_ad_set_id (ad), hd_ad_set_get_id (ad_set)) == 0)
                append_ad (out, ad, ad_set, campaign);
            }
        }
    }

  return TRUE;
}
