/* hd-month-view.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid lays out its children itself. Day cells, "+N more" buttons and weekday labels are
 * made once; post chips and flight bars come from pools that only grow to the largest month
 * shown, so switching months re-binds widgets instead of creating them.
 */

#define G_LOG_DOMAIN "herald-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-wall-time.h"
#include "calendar/hd-calendar-chip.h"
#include "calendar/hd-month-view.h"

#define MAX_DAYS      42
#define MAX_LANES     3
#define MIN_CELL_W    40
#define MIN_CELL_H    36
#define COMPACT_W     84
#define CHIP_GAP      2
#define CELL_PADDING  3

typedef struct
{
  GDate  date;
  gint64 start;
  guint  first_entry;
  guint  n_entries;
  guint  first_chip;
  guint  n_chips;
  guint  more;
} Day;

/* What a day cell and its "+N more" button show, so a re-bind that changes nothing there
 * formats and sets nothing. */
typedef struct
{
  guint32  julian;
  guint    day;
  guint    n_entries;
  gboolean today;
  gboolean other;
  guint    more;
  gboolean compact;
} Shown;

typedef struct
{
  guint week;
  guint col_start;
  guint col_end;
  guint lane;
  char  name[128];
} Segment;

struct _HdMonthView
{
  GtkWidget parent_instance;

  /* children made once */
  GtkWidget  *weekday_labels[7];
  GtkWidget  *cells[MAX_DAYS];
  GtkWidget  *more_buttons[MAX_DAYS];
  Shown       cell_shown[MAX_DAYS];
  Shown       more_shown[MAX_DAYS];
  GtkWidget  *probe_chip;
  GtkWidget  *probe_bar;
  GtkPopover *day_popover;
  GtkListBox *day_list;
  GtkLabel   *day_heading;

  /* pools: only ever grow */
  GPtrArray  *chips;
  GPtrArray  *bars;
  guint       n_chips_used;
  guint       n_bars_used;

  /* what is shown */
  GTimeZone  *zone;
  int         week_start;
  int         year;
  int         month;
  GDate       today;
  GDate       focus;
  guint       popover_day;
  Day         days[MAX_DAYS];
  guint       n_days;
  gint64      range_end;
  guint       week_lanes[MAX_DAYS / 7];
  GArray     *entries;
  GArray     *segments;
  int         drop_hover;

  /* the geometry the chips were bound for */
  int         cell_w;
  int         cell_h;
  int         top_h;
  int         chip_h;
  int         bar_h;
  int         header_h;
  guint       rebind_idle;
};

G_DEFINE_FINAL_TYPE (HdMonthView, hd_month_view, GTK_TYPE_WIDGET)

enum {
  DAY_ACTIVATED,
  POST_ACTIVATED,
  MOVE_POST,
  NAVIGATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
hd_month_view_new (void)
{
  return g_object_new (HD_TYPE_MONTH_VIEW, NULL);
}

static int
find_day (HdMonthView *self,
          int          year,
          int          month,
          int          day)
{
  GDate date;

  if (self->n_days == 0 || !g_date_valid_dmy (day, month, year))
    return -1;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  for (guint i = 0; i < self->n_days; i++)
    if (g_date_compare (&date, &self->days[i].date) == 0)
      return i;

  return -1;
}

static gint64
local_midnight (GTimeZone   *zone,
                const GDate *date)
{
  gint64 instant = 0;

  hd_wall_time_to_instant (zone,
                           g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                           0, 0, 0, &instant);
  return instant;
}

/* How many chips a day of week @week can show with the geometry last allocated. */
static int
day_capacity (HdMonthView *self,
              guint        week)
{
  int avail;

  if (self->cell_w < COMPACT_W)
    return -1;

  avail = self->cell_h - self->top_h - CELL_PADDING -
          (int) self->week_lanes[week] * (self->bar_h + CHIP_GAP);
  if (avail <= 0)
    return 0;

  return avail / (self->chip_h + CHIP_GAP);
}

static void
on_chip_activated (HdMonthView    *self,
                   HdCalendarChip *chip)
{
  const char *id = hd_calendar_chip_get_post_id (chip);

  if (id != NULL)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->day_popover)))
        gtk_popover_popdown (self->day_popover);
      g_signal_emit (self, signals[POST_ACTIVATED], 0, id);
    }
}

static HdCalendarChip *
take_chip (HdMonthView *self)
{
  HdCalendarChip *chip;

  if (self->n_chips_used == self->chips->len)
    {
      chip = HD_CALENDAR_CHIP (hd_calendar_chip_new ());
      /* Chips sit above the cells, before the "+N more" buttons in drawing order. */
      gtk_widget_insert_before (GTK_WIDGET (chip), GTK_WIDGET (self), self->more_buttons[0]);
      g_signal_connect_object (chip, "activated", G_CALLBACK (on_chip_activated), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->chips, chip);
    }

  chip = g_ptr_array_index (self->chips, self->n_chips_used++);
  gtk_widget_set_visible (GTK_WIDGET (chip), TRUE);
  return chip;
}

static GtkWidget *
take_bar (HdMonthView *self)
{
  GtkWidget *bar;

  if (self->n_bars_used == self->bars->len)
    {
      bar = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (bar), 0);
      gtk_label_set_ellipsize (GTK_LABEL (bar), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (bar), TRUE);
      gtk_widget_add_css_class (bar, "hd-flight");
      gtk_widget_insert_before (bar, GTK_WIDGET (self), self->more_buttons[0]);
      g_ptr_array_add (self->bars, bar);
    }

  bar = g_ptr_array_index (self->bars, self->n_bars_used++);
  gtk_widget_set_visible (bar, TRUE);
  return bar;
}

static void
assign_entries (HdMonthView *self)
{
  guint d = 0;

  for (guint i = 0; i < self->n_days; i++)
    {
      self->days[i].first_entry = 0;
      self->days[i].n_entries = 0;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      const HdCalendarEntry *entry = &g_array_index (self->entries, HdCalendarEntry, i);

      if (entry->scheduled_at < self->days[0].start || entry->scheduled_at >= self->range_end)
        continue;

      while (d + 1 < self->n_days && entry->scheduled_at >= self->days[d + 1].start)
        d++;

      if (self->days[d].n_entries == 0)
        self->days[d].first_entry = i;
      self->days[d].n_entries++;
    }
}

static void
assign_flights (HdMonthView *self,
                GArray      *flights)
{
  guint n_weeks = self->n_days / 7;

  g_array_set_size (self->segments, 0);
  memset (self->week_lanes, 0, sizeof self->week_lanes);

  for (guint w = 0; w < n_weeks; w++)
    {
      gint64 week_start = self->days[w * 7].start;
      gint64 week_end = w + 1 < n_weeks ? self->days[(w + 1) * 7].start : self->range_end;
      guint lane_end[MAX_LANES];

      for (guint l = 0; l < MAX_LANES; l++)
        lane_end[l] = 0;

      for (guint f = 0; flights != NULL && f < flights->len; f++)
        {
          const HdCalendarFlight *flight = &g_array_index (flights, HdCalendarFlight, f);
          gint64 ends = flight->ends_at != 0 ? flight->ends_at : G_MAXINT64;
          Segment segment = { 0 };
          gboolean placed = FALSE;

          if (flight->starts_at >= week_end || ends <= week_start)
            continue;

          segment.week = w;
          segment.col_start = 0;
          segment.col_end = 6;
          for (guint c = 0; c < 7; c++)
            {
              gint64 day_end = c < 6 ? self->days[w * 7 + c + 1].start : week_end;

              if (flight->starts_at >= day_end)
                segment.col_start = c + 1;
              if (ends <= self->days[w * 7 + c].start && segment.col_end == 6)
                segment.col_end = c > 0 ? c - 1 : 0;
            }
          if (segment.col_start > 6 || segment.col_end < segment.col_start)
            continue;

          for (guint l = 0; l < MAX_LANES && !placed; l++)
            {
              if (lane_end[l] == 0 || lane_end[l] <= segment.col_start)
                {
                  segment.lane = l;
                  lane_end[l] = segment.col_end + 1;
                  placed = TRUE;
                }
            }
          if (!placed)
            continue;

          g_strlcpy (segment.name, flight->name, sizeof segment.name);
          g_array_append_val (self->segments, segment);
          self->week_lanes[w] = MAX (self->week_lanes[w], segment.lane + 1);
        }
    }
}

static void
update_cell (HdMonthView *self,
             guint        i)
{
  Day *day = &self->days[i];
  GtkWidget *cell = self->cells[i];
  GtkWidget *number = gtk_button_get_child (GTK_BUTTON (cell));
  Shown *shown = &self->cell_shown[i];
  char text[8];
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;
  guint32 julian = g_date_get_julian (&day->date);
  gboolean other = g_date_get_month (&day->date) != (GDateMonth) self->month;
  gboolean today = g_date_valid (&self->today) && g_date_compare (&day->date, &self->today) == 0;

  if (shown->julian == julian && shown->n_entries == day->n_entries && shown->other == other &&
      shown->today == today)
    return;

  if (shown->day != g_date_get_day (&day->date))
    {
      shown->day = g_date_get_day (&day->date);
      g_snprintf (text, sizeof text, "%u", shown->day);
      gtk_label_set_label (GTK_LABEL (number), text);
    }

  if (shown->julian == 0 || shown->other != other)
    {
      if (other)
        gtk_widget_add_css_class (cell, "other-month");
      else
        gtk_widget_remove_css_class (cell, "other-month");
    }
  if (shown->julian == 0 || shown->today != today)
    {
      if (today)
        gtk_widget_add_css_class (cell, "today");
      else
        gtk_widget_remove_css_class (cell, "today");
    }
  shown->julian = julian;
  shown->n_entries = day->n_entries;
  shown->other = other;
  shown->today = today;

  when = g_date_time_new (self->zone, g_date_get_year (&day->date), g_date_get_month (&day->date),
                          g_date_get_day (&day->date), 12, 0, 0);
  /* TRANSLATORS: a day in the month grid, such as "Tuesday 3 December"; see g_date_time_format() */
  date = g_date_time_format (when, _("%A %-d %B"));
  if (day->n_entries == 0)
    label = g_strdup_printf (_("%s, no posts"), date);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u post", "%s, %u posts",
                                          day->n_entries),
                             date, day->n_entries);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_more_button (HdMonthView *self,
                    guint        i,
                    gboolean     compact)
{
  GtkWidget *button = self->more_buttons[i];
  Shown *shown = &self->more_shown[i];
  guint more = self->days[i].more;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  gtk_widget_set_visible (button, more > 0);
  if (more == 0 || (shown->more == more && shown->compact == compact))
    return;
  shown->more = more;
  shown->compact = compact;

  if (compact)
    text = g_strdup_printf ("%u", more);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more", more), more);
  gtk_button_set_label (GTK_BUTTON (button), text);

  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u more post",
                                             "Show %u more posts", more),
                                more);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (compact)
    gtk_widget_add_css_class (button, "compact");
  else
    gtk_widget_remove_css_class (button, "compact");
}

/* Binds pool widgets to the current entries and flights for the geometry the grid will have:
 * its size as last allocated, split into this month's number of weeks. A month of five weeks
 * after one of six has taller days; binding for the old height would show the wrong "+N more"
 * until a second pass after the frame. */
static void
rebind (HdMonthView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_weeks = self->n_days / 7;
  gboolean compact;

  if (width > 0 && height > self->header_h && n_weeks > 0)
    {
      self->cell_w = width / 7;
      self->cell_h = (height - self->header_h) / (int) n_weeks;
    }
  compact = self->cell_w < COMPACT_W;

  self->n_chips_used = 0;
  self->n_bars_used = 0;

  for (guint i = 0; i < self->n_days; i++)
    {
      Day *day = &self->days[i];
      int capacity = day_capacity (self, i / 7);
      guint shown;

      if (capacity < 0)
        shown = 0;
      else if (day->n_entries <= (guint) capacity)
        shown = day->n_entries;
      else
        shown = capacity > 0 ? (guint) capacity - 1 : 0;

      day->first_chip = self->n_chips_used;
      day->n_chips = shown;
      day->more = day->n_entries - shown;

      for (guint k = 0; k < shown; k++)
        {
          const HdCalendarEntry *entry = &g_array_index (self->entries, HdCalendarEntry,
                                                         day->first_entry + k);

          hd_calendar_chip_bind (take_chip (self), entry, self->zone);
        }

      update_cell (self, i);
      update_more_button (self, i, compact);
      gtk_widget_set_visible (self->cells[i], TRUE);
    }

  for (guint i = self->n_days; i < MAX_DAYS; i++)
    {
      gtk_widget_set_visible (self->cells[i], FALSE);
      gtk_widget_set_visible (self->more_buttons[i], FALSE);
    }

  for (guint s = 0; s < self->segments->len; s++)
    {
      const Segment *segment = &g_array_index (self->segments, Segment, s);
      GtkWidget *bar = take_bar (self);

      gtk_label_set_label (GTK_LABEL (bar), segment->name);
      gtk_widget_set_tooltip_text (bar, segment->name);
    }

  for (guint i = self->n_chips_used; i < self->chips->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->chips, i), FALSE);
  for (guint i = self->n_bars_used; i < self->bars->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->bars, i), FALSE);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
rebind_in_idle (gpointer data)
{
  HdMonthView *self = data;

  self->rebind_idle = 0;
  rebind (self);

  return G_SOURCE_REMOVE;
}

void
hd_month_view_set_month (HdMonthView *self,
                         GTimeZone   *zone,
                         int          week_start,
                         int          year,
                         int          month)
{
  GDate first;
  guint offset;
  guint n_weeks;

  g_return_if_fail (HD_IS_MONTH_VIEW (self));
  g_return_if_fail (zone != NULL);
  g_return_if_fail (week_start >= 1 && week_start <= 7);
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  if (self->zone != zone)
    {
      g_clear_pointer (&self->zone, g_time_zone_unref);
      self->zone = g_time_zone_ref (zone);
    }
  self->week_start = week_start;
  self->year = year;
  self->month = month;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  offset = (g_date_get_weekday (&first) - week_start + 7) % 7;
  n_weeks = (offset + g_date_get_days_in_month (month, year) + 6) / 7;
  g_date_subtract_days (&first, offset);

  self->n_days = n_weeks * 7;
  for (guint i = 0; i < self->n_days; i++)
    {
      self->days[i].date = first;
      self->days[i].start = local_midnight (zone, &first);
      g_date_add_days (&first, 1);
    }
  self->range_end = local_midnight (zone, &first);

  for (guint c = 0; c < 7; c++)
    {
      g_autoptr(GDateTime) when = g_date_time_new (zone,
                                                   g_date_get_year (&self->days[c].date),
                                                   g_date_get_month (&self->days[c].date),
                                                   g_date_get_day (&self->days[c].date),
                                                   12, 0, 0);
      g_autofree char *name = g_date_time_format (when, "%a");
      g_autofree char *full = g_date_time_format (when, "%A");

      gtk_label_set_label (GTK_LABEL (self->weekday_labels[c]), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->weekday_labels[c]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                      -1);
    }

  if (!g_date_valid (&self->focus) ||
      find_day (self, g_date_get_year (&self->focus), g_date_get_month (&self->focus),
                g_date_get_day (&self->focus)) < 0)
    g_date_set_dmy (&self->focus, 1, month, year);

  g_array_set_size (self->entries, 0);
  g_array_set_size (self->segments, 0);
  memset (self->week_lanes, 0, sizeof self->week_lanes);
  for (guint i = 0; i < self->n_days; i++)
    self->days[i].n_entries = 0;
  if (gtk_widget_get_visible (GTK_WIDGET (self->day_popover)))
    gtk_popover_popdown (self->day_popover);

  /* The month's posts usually follow at once: binding the empty month first would hide every
   * chip only to show it again. */
  if (self->rebind_idle == 0)
    self->rebind_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, rebind_in_idle, self, NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
hd_month_view_get_range (HdMonthView *self,
                         gint64      *from,
                         gint64      *to)
{
  g_return_if_fail (HD_IS_MONTH_VIEW (self));

  if (from != NULL)
    *from = self->n_days > 0 ? self->days[0].start : 0;
  if (to != NULL)
    *to = self->n_days > 0 ? self->range_end : 0;
}

void
hd_month_view_set_entries (HdMonthView *self,
                           GArray      *entries,
                           GArray      *flights)
{
  g_return_if_fail (HD_IS_MONTH_VIEW (self));

  g_array_set_size (self->entries, 0);
  if (entries != NULL && entries->len > 0)
    g_array_append_vals (self->entries, entries->data, entries->len);

  if (self->n_days == 0)
    return;

  assign_entries (self);
  assign_flights (self, flights);
  g_clear_handle_id (&self->rebind_idle, g_source_remove);
  rebind (self);
}

void
hd_month_view_set_today (HdMonthView *self,
                         int          year,
                         int          month,
                         int          day)
{
  g_return_if_fail (HD_IS_MONTH_VIEW (self));

  if (g_date_valid_dmy (day, month, year))
    g_date_set_dmy (&self->today, day, month, year);
  for (guint i = 0; i < self->n_days; i++)
    update_cell (self, i);
}

void
hd_month_view_get_focus_day (HdMonthView *self,
                             int         *year,
                             int         *month,
                             int         *day)
{
  g_return_if_fail (HD_IS_MONTH_VIEW (self));

  if (year != NULL)
    *year = g_date_valid (&self->focus) ? g_date_get_year (&self->focus) : 0;
  if (month != NULL)
    *month = g_date_valid (&self->focus) ? g_date_get_month (&self->focus) : 0;
  if (day != NULL)
    *day = g_date_valid (&self->focus) ? g_date_get_day (&self->focus) : 0;
}

void
hd_month_view_set_focus_day (HdMonthView *self,
                             int          year,
                             int          month,
                             int          day,
                             gboolean     grab)
{
  int index;

  g_return_if_fail (HD_IS_MONTH_VIEW (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_set_dmy (&self->focus, day, month, year);
  index = find_day (self, year, month, day);
  if (grab && index >= 0)
    gtk_widget_grab_focus (self->cells[index]);
}

static void
show_day_popover (HdMonthView *self,
                  guint        index)
{
  const Day *day = &self->days[index];
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *heading = NULL;
  graphene_rect_t bounds;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_list))) != NULL)
    gtk_list_box_remove (self->day_list, child);

  for (guint k = 0; k < day->n_entries; k++)
    {
      const HdCalendarEntry *entry = &g_array_index (self->entries, HdCalendarEntry,
                                                     day->first_entry + k);
      GtkWidget *chip = hd_calendar_chip_new ();

      hd_calendar_chip_bind (HD_CALENDAR_CHIP (chip), entry, self->zone);
      g_signal_connect_object (chip, "activated", G_CALLBACK (on_chip_activated), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->day_list, chip);
    }

  when = g_date_time_new (self->zone, g_date_get_year (&day->date), g_date_get_month (&day->date),
                          g_date_get_day (&day->date), 12, 0, 0);
  heading = g_date_time_format (when, _("%A %-d %B"));
  gtk_label_set_label (self->day_heading, heading);

  self->popover_day = index;
  if (gtk_widget_compute_bounds (self->cells[index], GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (self->day_popover,
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_popup (self->day_popover);
}

static void
on_more_clicked (HdMonthView *self,
                 GtkButton   *button)
{
  for (guint i = 0; i < self->n_days; i++)
    if (self->more_buttons[i] == GTK_WIDGET (button))
      show_day_popover (self, i);
}

static void
emit_day_activated (HdMonthView *self,
                    guint        index)
{
  const GDate *date = &self->days[index].date;

  g_signal_emit (self, signals[DAY_ACTIVATED], 0,
                 (int) g_date_get_year (date), (int) g_date_get_month (date),
                 (int) g_date_get_day (date));
}

static void
on_cell_clicked (HdMonthView *self,
                 GtkButton   *button)
{
  for (guint i = 0; i < self->n_days; i++)
    if (self->cells[i] == GTK_WIDGET (button))
      {
        self->focus = self->days[i].date;
        emit_day_activated (self, i);
      }
}

static void
on_new_post_clicked (HdMonthView *self)
{
  gtk_popover_popdown (self->day_popover);
  if (self->popover_day < self->n_days)
    emit_day_activated (self, self->popover_day);
}

static void
on_cell_focus_enter (HdMonthView             *self,
                     GtkEventControllerFocus *controller)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  for (guint i = 0; i < self->n_days; i++)
    if (self->cells[i] == cell)
      self->focus = self->days[i].date;
}

static gboolean
on_key_pressed (HdMonthView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int step = 0;
  int index;
  GDate target;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      !g_date_valid (&self->focus))
    return GDK_EVENT_PROPAGATE;

  index = find_day (self, g_date_get_year (&self->focus), g_date_get_month (&self->focus),
                    g_date_get_day (&self->focus));
  if (index < 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -7;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 7;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* A day with posts opens to show them all; an empty one starts a post there. */
      if (self->days[index].n_entries > 0)
        show_day_popover (self, index);
      else
        emit_day_activated (self, index);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  target = self->focus;
  if (step > 0)
    g_date_add_days (&target, step);
  else
    g_date_subtract_days (&target, -step);

  if (index + step >= 0 && index + step < (int) self->n_days)
    {
      hd_month_view_set_focus_day (self, g_date_get_year (&target), g_date_get_month (&target),
                                   g_date_get_day (&target), TRUE);
    }
  else
    {
      /* Off the grid: the page moves to that month and gives the day the focus back. */
      self->focus = target;
      g_signal_emit (self, signals[NAVIGATE], 0,
                     (int) g_date_get_year (&target), (int) g_date_get_month (&target),
                     (int) g_date_get_day (&target));
    }

  return GDK_EVENT_STOP;
}

static int
day_at (HdMonthView *self,
        double       x,
        double       y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_weeks = self->n_days / 7;
  int col;
  int row;

  if (n_weeks == 0 || width <= 0 || y < self->header_h || y >= height || x < 0 || x >= width)
    return -1;

  col = (int) (x * 7 / width);
  row = (int) ((y - self->header_h) * n_weeks / MAX (1, height - self->header_h));
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    col = 6 - col;

  return CLAMP (row, 0, (int) n_weeks - 1) * 7 + CLAMP (col, 0, 6);
}

gboolean
hd_month_view_drop (HdMonthView *self,
                    const char  *post_id,
                    double       x,
                    double       y)
{
  int index;
  const GDate *date;

  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), FALSE);

  index = day_at (self, x, y);
  if (index < 0 || post_id == NULL || *post_id == '\0')
    return FALSE;

  date = &self->days[index].date;
  g_signal_emit (self, signals[MOVE_POST], 0, post_id,
                 (int) g_date_get_year (date), (int) g_date_get_month (date),
                 (int) g_date_get_day (date));
  return TRUE;
}

static void
set_drop_hover (HdMonthView *self,
                int          index)
{
  if (self->drop_hover == index)
    return;

  if (self->drop_hover >= 0)
    gtk_widget_remove_css_class (self->cells[self->drop_hover], "drop-hover");
  self->drop_hover = index;
  if (index >= 0)
    gtk_widget_add_css_class (self->cells[index], "drop-hover");
}

static GdkDragAction
on_drop_motion (HdMonthView   *self,
                double         x,
                double         y,
                GtkDropTarget *target)
{
  int index = day_at (self, x, y);

  set_drop_hover (self, index);
  return index >= 0 ? GDK_ACTION_MOVE : 0;
}

static void
on_drop_leave (HdMonthView *self)
{
  set_drop_hover (self, -1);
}

static gboolean
on_drop (HdMonthView   *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  set_drop_hover (self, -1);

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;

  return hd_month_view_drop (self, g_value_get_string (value), x, y);
}

static void
measure_geometry (HdMonthView *self)
{
  int nat;

  self->header_h = 0;
  for (guint c = 0; c < 7; c++)
    {
      gtk_widget_measure (self->weekday_labels[c], GTK_ORIENTATION_VERTICAL, -1,
                          NULL, &nat, NULL, NULL);
      self->header_h = MAX (self->header_h, nat);
    }

  gtk_widget_measure (self->cells[0], GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
  self->top_h = nat;

  gtk_widget_measure (self->probe_chip, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
  self->chip_h = MAX (nat, 12);

  gtk_widget_measure (self->probe_bar, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
  self->bar_h = MAX (nat, 8);
}

static void
hd_month_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  HdMonthView *self = HD_MONTH_VIEW (widget);
  guint n_weeks = MAX (self->n_days / 7, 4);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 7 * MIN_CELL_W;
      *natural = 7 * 140;
    }
  else
    {
      int header = 0;

      for (guint c = 0; c < 7; c++)
        {
          int nat;

          gtk_widget_measure (self->weekday_labels[c], GTK_ORIENTATION_VERTICAL, -1,
                              NULL, &nat, NULL, NULL);
          header = MAX (header, nat);
        }
      *minimum = header + (int) n_weeks * MIN_CELL_H;
      *natural = header + (int) n_weeks * 110;
    }
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height)
{
  int min;

  /* Every child must be measured before it is allocated. */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, MAX (width, min), height }, -1);
}

static void
hd_month_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  HdMonthView *self = HD_MONTH_VIEW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  guint n_weeks = self->n_days / 7;
  int old_w = self->cell_w;
  int old_h = self->cell_h;
  int old_chip = self->chip_h;
  int old_top = self->top_h;
  int col_x[8];
  int row_y[MAX_DAYS / 7 + 1];

  measure_geometry (self);

  for (guint c = 0; c <= 7; c++)
    col_x[c] = (int) ((gint64) width * c / 7);
  for (guint r = 0; r <= n_weeks; r++)
    row_y[r] = self->header_h + (int) ((gint64) (height - self->header_h) * r / MAX (n_weeks, 1));

  self->cell_w = width / 7;
  self->cell_h = n_weeks > 0 ? (height - self->header_h) / (int) n_weeks : 0;

  for (guint c = 0; c < 7; c++)
    {
      guint vc = rtl ? 6 - c : c;

      allocate_child (self->weekday_labels[c], col_x[vc], 0, col_x[vc + 1] - col_x[vc],
                      self->header_h);
    }

  for (guint i = 0; i < self->n_days; i++)
    {
      const Day *day = &self->days[i];
      guint row = i / 7;
      guint col = rtl ? 6 - i % 7 : i % 7;
      int x = col_x[col];
      int y = row_y[row];
      int w = col_x[col + 1] - x;
      int h = row_y[row + 1] - y;
      int chip_y = y + self->top_h + (int) self->week_lanes[row] * (self->bar_h + CHIP_GAP);

      allocate_child (self->cells[i], x, y, w, h);

      for (guint k = 0; k < day->n_chips; k++)
        {
          GtkWidget *chip = g_ptr_array_index (self->chips, day->first_chip + k);
          gboolean fits = chip_y + self->chip_h <= y + h;

          gtk_widget_set_child_visible (chip, fits);
          if (fits)
            allocate_child (chip, x + CELL_PADDING, chip_y, w - 2 * CELL_PADDING, self->chip_h);
          chip_y += self->chip_h + CHIP_GAP;
        }

      if (gtk_widget_get_visible (self->more_buttons[i]))
        {
          int min_h;

          gtk_widget_measure (self->more_buttons[i], GTK_ORIENTATION_VERTICAL, -1,
                              &min_h, NULL, NULL, NULL);
          chip_y = MIN (chip_y, y + h - min_h);
          if (self->cell_w < COMPACT_W)
            {
              int nat_w;

              /* A count, centred, when the day has no room for chips. */
              gtk_widget_measure (self->more_buttons[i], GTK_ORIENTATION_HORIZONTAL, -1,
                                  NULL, &nat_w, NULL, NULL);
              nat_w = MIN (nat_w, w - 2 * CELL_PADDING);
              allocate_child (self->more_buttons[i], x + (w - nat_w) / 2, MAX (chip_y, y),
                              nat_w, min_h);
            }
          else
            {
              allocate_child (self->more_buttons[i], x + CELL_PADDING, MAX (chip_y, y),
                              w - 2 * CELL_PADDING, min_h);
            }
        }
    }

  for (guint s = 0; s < self->segments->len && s < self->n_bars_used; s++)
    {
      const Segment *segment = &g_array_index (self->segments, Segment, s);
      GtkWidget *bar = g_ptr_array_index (self->bars, s);
      guint first = rtl ? 6 - segment->col_end : segment->col_start;
      guint last = rtl ? 6 - segment->col_start : segment->col_end;
      int y = row_y[segment->week] + self->top_h + (int) segment->lane * (self->bar_h + CHIP_GAP);

      allocate_child (bar, col_x[first] + 1, y, col_x[last + 1] - col_x[first] - 2, self->bar_h);
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->day_popover)))
    gtk_popover_present (self->day_popover);

  /* The chips were bound for another size: bind again once this frame is drawn. */
  if ((old_w != self->cell_w || old_h != self->cell_h || old_chip != self->chip_h ||
       old_top != self->top_h) && self->rebind_idle == 0)
    self->rebind_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, rebind_in_idle, self, NULL);
}

guint
hd_month_view_get_pool_size (HdMonthView *self)
{
  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), 0);

  return self->chips->len;
}

GPtrArray *
hd_month_view_get_day_chips (HdMonthView *self,
                             int          year,
                             int          month,
                             int          day)
{
  GPtrArray *chips = g_ptr_array_new ();
  int index;

  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), chips);

  index = find_day (self, year, month, day);
  if (index < 0)
    return chips;

  for (guint k = 0; k < self->days[index].n_chips; k++)
    g_ptr_array_add (chips, g_ptr_array_index (self->chips, self->days[index].first_chip + k));

  return chips;
}

guint
hd_month_view_get_day_more (HdMonthView *self,
                            int          year,
                            int          month,
                            int          day)
{
  int index;

  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), 0);

  index = find_day (self, year, month, day);
  return index >= 0 ? self->days[index].more : 0;
}

GtkWidget *
hd_month_view_get_day_widget (HdMonthView *self,
                              int          year,
                              int          month,
                              int          day)
{
  int index;

  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), NULL);

  index = find_day (self, year, month, day);
  return index >= 0 ? self->cells[index] : NULL;
}

GtkWidget *
hd_month_view_get_more_button (HdMonthView *self,
                               int          year,
                               int          month,
                               int          day)
{
  int index;

  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), NULL);

  index = find_day (self, year, month, day);
  return index >= 0 ? self->more_buttons[index] : NULL;
}

GPtrArray *
hd_month_view_get_day_flights (HdMonthView *self,
                               int          year,
                               int          month,
                               int          day)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  int index;

  g_return_val_if_fail (HD_IS_MONTH_VIEW (self), names);

  index = find_day (self, year, month, day);
  if (index < 0)
    return names;

  for (guint lane = 0; lane < MAX_LANES; lane++)
    for (guint s = 0; s < self->segments->len && s < self->n_bars_used; s++)
      {
        const Segment *segment = &g_array_index (self->segments, Segment, s);
        GtkWidget *bar = g_ptr_array_index (self->bars, s);

        if (segment->week == (guint) index / 7 && segment->lane == lane &&
            segment->col_start <= (guint) index % 7 && segment->col_end >= (guint) index % 7 &&
            gtk_widget_get_visible (bar))
          g_ptr_array_add (names, g_strdup (gtk_label_get_label (GTK_LABEL (bar))));
      }

  return names;
}

static void
hd_month_view_dispose (GObject *object)
{
  HdMonthView *self = HD_MONTH_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebind_idle, g_source_remove);

  if (self->day_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->day_popover));
      self->day_popover = NULL;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->chips, g_ptr_array_unref);
  g_clear_pointer (&self->bars, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_month_view_parent_class)->dispose (object);
}

static void
hd_month_view_finalize (GObject *object)
{
  HdMonthView *self = HD_MONTH_VIEW (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (hd_month_view_parent_class)->finalize (object);
}

static void
hd_month_view_class_init (HdMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_month_view_dispose;
  object_class->finalize = hd_month_view_finalize;

  widget_class->measure = hd_month_view_measure;
  widget_class->size_allocate = hd_month_view_size_allocate;

  /* An empty day was clicked, or Enter pressed on it: write a post there. */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  signals[POST_ACTIVATED] =
    g_signal_new ("post-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* A post was dropped on a day. */
  signals[MOVE_POST] =
    g_signal_new ("move-post",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  /* The keyboard left the grid: show the month of that day. */
  signals[NAVIGATE] =
    g_signal_new ("navigate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "hd-month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
build_day_popover (HdMonthView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Post on This Day"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "hd-day-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Posts on this day"),
                                  -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);

  g_signal_connect_swapped (new_button, "clicked", G_CALLBACK (on_new_post_clicked), self);
  gtk_box_append (GTK_BOX (box), new_button);

  self->day_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->day_popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->day_popover), GTK_WIDGET (self));
  self->day_list = GTK_LIST_BOX (list);
  self->day_heading = GTK_LABEL (heading);
}

static void
hd_month_view_init (HdMonthView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  hd_calendar_ensure_style ();

  self->entries = g_array_new (FALSE, FALSE, sizeof (HdCalendarEntry));
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->chips = g_ptr_array_new ();
  self->bars = g_ptr_array_new ();
  self->zone = g_time_zone_new_local ();
  self->week_start = 1;
  self->drop_hover = -1;
  self->cell_w = 140;
  self->cell_h = 110;
  self->top_h = 26;
  self->chip_h = 22;
  self->bar_h = 18;
  g_date_clear (&self->today, 1);
  g_date_clear (&self->focus, 1);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  for (guint c = 0; c < 7; c++)
    {
      self->weekday_labels[c] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->weekday_labels[c], "hd-weekday");
      gtk_label_set_ellipsize (GTK_LABEL (self->weekday_labels[c]), PANGO_ELLIPSIZE_END);
      gtk_widget_set_parent (self->weekday_labels[c], GTK_WIDGET (self));
    }

  for (guint i = 0; i < MAX_DAYS; i++)
    {
      GtkWidget *number = gtk_label_new (NULL);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      gtk_widget_set_halign (number, GTK_ALIGN_START);
      gtk_widget_set_valign (number, GTK_ALIGN_START);
      gtk_widget_add_css_class (number, "numeric");
      gtk_widget_add_css_class (number, "hd-day-number");

      self->cells[i] = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->cells[i]), number);
      gtk_widget_add_css_class (self->cells[i], "hd-month-day");
      gtk_widget_set_focus_on_click (self->cells[i], FALSE);
      g_signal_connect_swapped (self->cells[i], "clicked", G_CALLBACK (on_cell_clicked), self);
      g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_cell_focus_enter), self);
      gtk_widget_add_controller (self->cells[i], focus);
      gtk_widget_set_parent (self->cells[i], GTK_WIDGET (self));
    }

  for (guint i = 0; i < MAX_DAYS; i++)
    {
      self->more_buttons[i] = gtk_button_new_with_label ("");
      gtk_widget_add_css_class (self->more_buttons[i], "flat");
      gtk_widget_add_css_class (self->more_buttons[i], "hd-more");
      gtk_widget_set_focus_on_click (self->more_buttons[i], FALSE);
      gtk_widget_set_visible (self->more_buttons[i], FALSE);
      g_signal_connect_swapped (self->more_buttons[i], "clicked", G_CALLBACK (on_more_clicked),
                                self);
      gtk_widget_set_parent (self->more_buttons[i], GTK_WIDGET (self));
    }

  /* Never shown: they tell how tall a chip and a flight bar are in the current style. */
  {
    HdCalendarEntry sample = { .scheduled_at = 1, .channel_kinds = 1, .excerpt = "Ag" };

    self->probe_chip = hd_calendar_chip_new ();
    hd_calendar_chip_bind (HD_CALENDAR_CHIP (self->probe_chip), &sample, self->zone);
    gtk_widget_set_child_visible (self->probe_chip, FALSE);
    gtk_widget_set_parent (self->probe_chip, GTK_WIDGET (self));

    self->probe_bar = gtk_label_new ("Ag");
    gtk_widget_add_css_class (self->probe_bar, "hd-flight");
    gtk_widget_set_child_visible (self->probe_bar, FALSE);
    gtk_widget_set_parent (self->probe_bar, GTK_WIDGET (self));
  }

  build_day_popover (self);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect_swapped (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
