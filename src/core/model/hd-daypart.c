/* hd-daypart.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-daypart.h"

/* adset_schedule is a list of DayPart {days: list<int>, start_minute: int, end_minute: int,
 * timezone_type: string} (DayPart.json in the Marketing API specs). Days count from
 * 0 = Sunday; minutes count from midnight, fall on whole hours and each block lasts at
 * least an hour; timezone_type is "USER" or "ADVERTISER" (reference/channel-apis.md
 * section 7, from developers.facebook.com/ads/blog/post/2014/08/13/ad-scheduling). */

#define N_HOURS (HD_DAYPART_DAYS * HD_DAYPART_HOURS)

G_DEFINE_QUARK (hd-daypart-error-quark, hd_daypart_error)

void
hd_daypart_clear (HdDaypart *self)
{
  g_return_if_fail (self != NULL);

  memset (self->hours, 0, sizeof self->hours);
  /* Meta's own default: the hours on the ad account's clock */
  self->zone = HD_DAYPART_ZONE_ADVERTISER;
}

void
hd_daypart_fill (HdDaypart *self)
{
  g_return_if_fail (self != NULL);

  memset (self->hours, 0xff, sizeof self->hours);
}

gboolean
hd_daypart_get (const HdDaypart *self,
                guint            day,
                guint            hour)
{
  guint bit;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (day < HD_DAYPART_DAYS && hour < HD_DAYPART_HOURS, FALSE);

  bit = day * HD_DAYPART_HOURS + hour;
  return (self->hours[bit / 8] & (1u << (bit % 8))) != 0;
}

void
hd_daypart_set (HdDaypart *self,
                guint      day,
                guint      hour,
                gboolean   on)
{
  guint bit;

  g_return_if_fail (self != NULL);
  g_return_if_fail (day < HD_DAYPART_DAYS && hour < HD_DAYPART_HOURS);

  bit = day * HD_DAYPART_HOURS + hour;
  if (on)
    self->hours[bit / 8] |= (guint8) (1u << (bit % 8));
  else
    self->hours[bit / 8] &= (guint8) ~(1u << (bit % 8));
}

void
hd_daypart_set_range (HdDaypart *self,
                      guint      day,
                      guint      start_hour,
                      guint      end_hour,
                      gboolean   on)
{
  g_return_if_fail (start_hour <= end_hour && end_hour <= HD_DAYPART_HOURS);

  for (guint hour = start_hour; hour < end_hour; hour++)
    hd_daypart_set (self, day, hour, on);
}

guint
hd_daypart_count_hours (const HdDaypart *self)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (self->hours); i++)
    count += (guint) __builtin_popcount (self->hours[i]);

  return count;
}

gboolean
hd_daypart_is_empty (const HdDaypart *self)
{
  return hd_daypart_count_hours (self) == 0;
}

gboolean
hd_daypart_is_full (const HdDaypart *self)
{
  return hd_daypart_count_hours (self) == N_HOURS;
}

gboolean
hd_daypart_equal (const HdDaypart *a,
                  const HdDaypart *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->zone == b->zone && memcmp (a->hours, b->hours, sizeof a->hours) == 0;
}

/* One run of hours [start, end) and the days it appears on, as a bit set. */
typedef struct
{
  guint start;
  guint end;
  guint days;
} Run;

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const Run *x = a;
  const Run *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static void
add_run (GArray *runs,
         guint   day,
         guint   start,
         guint   end)
{
  Run run = { start, end, 1u << day };

  for (guint i = 0; i < runs->len; i++)
    {
      Run *existing = &g_array_index (runs, Run, i);

      if (existing->start == start && existing->end == end)
        {
          existing->days |= 1u << day;
          return;
        }
    }

  g_array_append_val (runs, run);
}

JsonNode *
hd_daypart_to_schedule (const HdDaypart *self)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint day = 0; day < HD_DAYPART_DAYS; day++)
    {
      guint hour = 0;

      while (hour < HD_DAYPART_HOURS)
        {
          guint start;

          if (!hd_daypart_get (self, day, hour))
            {
              hour++;
              continue;
            }
          start = hour;
          while (hour < HD_DAYPART_HOURS && hd_daypart_get (self, day, hour))
            hour++;
          add_run (runs, day, start, hour);
        }
    }

  g_array_sort (runs, compare_runs);

  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "days");
      json_builder_begin_array (builder);
      for (guint day = 0; day < HD_DAYPART_DAYS; day++)
        if (run->days & (1u << day))
          json_builder_add_int_value (builder, day);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "start_minute");
      json_builder_add_int_value (builder, run->start * 60);
      json_builder_set_member_name (builder, "end_minute");
      json_builder_add_int_value (builder, run->end * 60);
      json_builder_set_member_name (builder, "timezone_type");
      json_builder_add_string_value (builder, self->zone == HD_DAYPART_ZONE_USER
                                              ? "USER" : "ADVERTISER");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static gboolean
get_int_member (JsonObject  *object,
                const char  *name,
                gint64      *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
refuse_block (GError     **error,
              guint        index,
              const char  *reason)
{
  /* Translators: the first %u counts the blocks of an ad schedule from 1; the %s says
   * what is wrong with it. */
  g_set_error (error, HD_DAYPART_ERROR, HD_DAYPART_ERROR_INVALID,
               _("The ad schedule can’t be read: block %u %s."), index + 1, reason);
  return FALSE;
}

static gboolean
read_block (JsonNode       *node,
            guint           index,
            HdDaypart      *grid,
            HdDaypartZone  *zone,
            GError        **error)
{
  JsonObject *object;
  JsonNode *days_node;
  JsonArray *days;
  const char *zone_name;
  HdDaypartZone block_zone;
  gint64 start_minute;
  gint64 end_minute;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse_block (error, index, _("is not an object"));
  object = json_node_get_object (node);

  if (!get_int_member (object, "start_minute", &start_minute)
      || !get_int_member (object, "end_minute", &end_minute))
    return refuse_block (error, index, _("needs whole numbers for start_minute and end_minute"));
  if (start_minute % 60 != 0 || end_minute % 60 != 0)
    return refuse_block (error, index, _("must start and end on the hour"));
  if (start_minute < 0 || end_minute > 24 * 60 || end_minute - start_minute < 60)
    return refuse_block (error, index,
                         _("must last at least an hour between midnight and midnight"));

  days_node = json_object_get_member (object, "days");
  if (days_node == NULL || !JSON_NODE_HOLDS_ARRAY (days_node)
      || json_array_get_length (json_node_get_array (days_node)) == 0)
    return refuse_block (error, index, _("names no days"));
  days = json_node_get_array (days_node);

  zone_name = json_object_get_string_member_with_default (object, "timezone_type", NULL);
  if (g_strcmp0 (zone_name, "USER") == 0)
    block_zone = HD_DAYPART_ZONE_USER;
  else if (g_strcmp0 (zone_name, "ADVERTISER") == 0)
    block_zone = HD_DAYPART_ZONE_ADVERTISER;
  else
    return refuse_block (error, index, _("needs timezone_type USER or ADVERTISER"));

  /* One grid has one clock: a schedule mixing both cannot be shown or edited as a grid. */
  if (index > 0 && block_zone != *zone)
    return refuse_block (error, index, _("uses a different time zone from the blocks before it"));
  *zone = block_zone;

  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonNode *day_node = json_array_get_element (days, i);
      gint64 day;

      if (!JSON_NODE_HOLDS_VALUE (day_node)
          || json_node_get_value_type (day_node) != G_TYPE_INT64)
        return refuse_block (error, index, _("has a day that is not a number from 0 to 6"));
      day = json_node_get_int (day_node);
      if (day < 0 || day >= HD_DAYPART_DAYS)
        return refuse_block (error, index, _("has a day that is not a number from 0 to 6"));

      hd_daypart_set_range (grid, (guint) day, (guint) (start_minute / 60),
                            (guint) (end_minute / 60), TRUE);
    }

  return TRUE;
}

gboolean
hd_daypart_from_schedule (JsonNode   *schedule,
                          HdDaypart  *self,
                          GError    **error)
{
  HdDaypart grid;
  JsonArray *blocks;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (schedule == NULL || !JSON_NODE_HOLDS_ARRAY (schedule))
    {
      g_set_error (error, HD_DAYPART_ERROR, HD_DAYPART_ERROR_INVALID,
                   _("The ad schedule can’t be read: it is not a list of blocks."));
      return FALSE;
    }

  hd_daypart_clear (&grid);
  grid.zone = HD_DAYPART_ZONE_ADVERTISER;
  blocks = json_node_get_array (schedule);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    if (!read_block (json_array_get_element (blocks, i), i, &grid, &grid.zone, error))
      return FALSE;

  *self = grid;
  return TRUE;
}

char *
hd_daypart_to_json (const HdDaypart *self)
{
  g_autoptr(JsonNode) schedule = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  schedule = hd_daypart_to_schedule (self);
  return json_to_string (schedule, FALSE);
}

gboolean
hd_daypart_from_json (const char  *json,
                      HdDaypart   *self,
                      GError     **error)
{
  g_autoptr(JsonNode) schedule = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (json == NULL || *json == '\0')
    {
      hd_daypart_fill (self);
      self->zone = HD_DAYPART_ZONE_ADVERTISER;
      return TRUE;
    }

  schedule = json_from_string (json, &local_error);
  if (schedule == NULL)
    {
      g_set_error (error, HD_DAYPART_ERROR, HD_DAYPART_ERROR_INVALID,
                   _("The ad schedule can’t be read: %s"), local_error->message);
      return FALSE;
    }

  return hd_daypart_from_schedule (schedule, self, error);
}
