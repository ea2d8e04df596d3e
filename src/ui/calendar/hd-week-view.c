/* hd-week-view.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixed header of weekday names over a scrolled hour grid. The grid's slots are made once;
 * chips and "+N more" buttons come from pools that only grow, as in the month view.
 */

#define G_LOG_DOMAIN "herald-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-wall-time.h"
#include "calendar/hd-calendar-chip.h"
#include "calendar/hd-week-view.h"

#define HOURS        24
#define N_SLOTS      (7 * HOURS)
#define HOUR_H       56
#define GUTTER_W     56
#define MIN_COL_W    40
#define CHIP_GAP     2
#define FIRST_HOUR   8
#define EPOCH_JULIAN 719163 /* g_date_get_julian() of 1 January 1970 */

typedef struct
{
  guint first_entry;
  guint n_entries;
} Bucket;

#define HD_TYPE_WEEK_GRID (hd_week_grid_get_type ())
G_DECLARE_FINAL_TYPE (HdWeekGrid, hd_week_grid, HD, WEEK_GRID, GtkWidget)

struct _HdWeekGrid
{
  GtkWidget   parent_instance;

  /* children made once */
  GtkWidget  *hour_labels[HOURS];
  GtkWidget  *slots[N_SLOTS];
  GtkWidget  *probe_chip;
  GtkPopover *popover;
  GtkListBox *popover_list;

  /* pools */
  GPtrArray  *chips;
  GPtrArray  *more_buttons;
  guint       n_chips_used;
  guint       n_more_used;

  /* what is shown */
  GTimeZone  *zone;
  GDate       first;
  GDate       today;
  gint64      day_starts[8];
  GArray     *entries;
  Bucket      buckets[N_SLOTS];
  /* per slot: first pooled chip, chips shown and the "+N more" button used (-1 for none) */
  guint       slot_chip[N_SLOTS];
  guint       slot_shown[N_SLOTS];
  int         slot_more[N_SLOTS];
  int         chip_h;
  guint       rebind_idle;
};

G_DEFINE_FINAL_TYPE (HdWeekGrid, hd_week_grid, GTK_TYPE_WIDGET)

struct _HdWeekView
{
  GtkWidget          parent_instance;

  GtkWidget         *header;
  GtkWidget         *day_labels[7];
  GtkScrolledWindow *scrolled;
  HdWeekGrid        *grid;
  gboolean           scrolled_to_morning;
};

G_DEFINE_FINAL_TYPE (HdWeekView, hd_week_view, GTK_TYPE_WIDGET)

enum {
  SLOT_ACTIVATED,
  POST_ACTIVATED,
  MOVE_POST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static HdWeekView *
get_view (HdWeekGrid *grid)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (GTK_WIDGET (grid), HD_TYPE_WEEK_VIEW);

  return ancestor != NULL ? HD_WEEK_VIEW (ancestor) : NULL;
}

static gint64
slot_instant (HdWeekGrid *self,
              guint       day,
              guint       hour,
              guint       minute)
{
  GDate date = self->first;
  gint64 instant = 0;

  g_date_add_days (&date, day);
  hd_wall_time_to_instant (self->zone, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), hour, minute, 0, &instant);
  return instant;
}

/* Local day index in the week and hour of an instant; FALSE outside the week. */
static gboolean
locate (HdWeekGrid *self,
        gint64      instant,
        guint      *day,
        guint      *hour,
        guint      *minute)
{
  int interval = g_time_zone_find_interval (self->zone, G_TIME_TYPE_UNIVERSAL, instant);
  gint64 local = instant + (interval >= 0 ? g_time_zone_get_offset (self->zone, interval) : 0);
  gint64 epoch_day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  gint64 index = epoch_day - ((gint64) g_date_get_julian (&self->first) - EPOCH_JULIAN);
  gint64 seconds = local - epoch_day * 86400;

  if (index < 0 || index > 6)
    return FALSE;

  *day = (guint) index;
  *hour = (guint) (seconds / 3600);
  if (minute != NULL)
    *minute = (guint) (seconds % 3600 / 60);
  return TRUE;
}

static void
on_chip_activated (HdWeekGrid     *self,
                   HdCalendarChip *chip)
{
  HdWeekView *view = get_view (self);
  const char *id = hd_calendar_chip_get_post_id (chip);

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
  if (view != NULL && id != NULL)
    g_signal_emit (view, signals[POST_ACTIVATED], 0, id);
}

static void
on_more_clicked (HdWeekGrid *self,
                 GtkButton  *button)
{
  GtkWidget *child;
  guint slot = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hd-slot"));
  const Bucket *bucket = &self->buckets[slot];

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->popover_list))) != NULL)
    gtk_list_box_remove (self->popover_list, child);

  for (guint k = 0; k < bucket->n_entries; k++)
    {
      GtkWidget *chip = hd_calendar_chip_new ();

      hd_calendar_chip_bind (HD_CALENDAR_CHIP (chip),
                             &g_array_index (self->entries, HdCalendarEntry,
                                             bucket->first_entry + k),
                             self->zone);
      g_signal_connect_object (chip, "activated", G_CALLBACK (on_chip_activated), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->popover_list, chip);
    }

  {
    graphene_rect_t bounds;

    if (gtk_widget_compute_bounds (GTK_WIDGET (button), GTK_WIDGET (self), &bounds))
      gtk_popover_set_pointing_to (self->popover,
                                   &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                     bounds.size.width, bounds.size.height });
  }
  gtk_popover_popup (self->popover);
}

static void
on_slot_clicked (HdWeekGrid *self,
                 GtkButton  *button)
{
  HdWeekView *view = get_view (self);

  for (guint i = 0; i < N_SLOTS; i++)
    if (self->slots[i] == GTK_WIDGET (button) && view != NULL)
      g_signal_emit (view, signals[SLOT_ACTIVATED], 0,
                     slot_instant (self, i / HOURS, i % HOURS, 0));
}

static HdCalendarChip *
take_chip (HdWeekGrid *self)
{
  HdCalendarChip *chip;

  if (self->n_chips_used == self->chips->len)
    {
      chip = HD_CALENDAR_CHIP (hd_calendar_chip_new ());
      gtk_widget_insert_before (GTK_WIDGET (chip), GTK_WIDGET (self), GTK_WIDGET (self->popover));
      g_signal_connect_object (chip, "activated", G_CALLBACK (on_chip_activated), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->chips, chip);
    }

  chip = g_ptr_array_index (self->chips, self->n_chips_used++);
  gtk_widget_set_visible (GTK_WIDGET (chip), TRUE);
  return chip;
}

static GtkWidget *
take_more (HdWeekGrid *self,
           guint       slot,
           guint       more)
{
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *button;

  if (self->n_more_used == self->more_buttons->len)
    {
      button = gtk_button_new_with_label ("");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "hd-more");
      gtk_widget_set_focus_on_click (button, FALSE);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_more_clicked), self);
      gtk_widget_insert_before (button, GTK_WIDGET (self), GTK_WIDGET (self->popover));
      g_ptr_array_add (self->more_buttons, button);
    }

  button = g_ptr_array_index (self->more_buttons, self->n_more_used++);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more", more), more);
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u more post",
                                             "Show %u more posts", more),
                                more);
  gtk_button_set_label (GTK_BUTTON (button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (button), "hd-slot", GUINT_TO_POINTER (slot));
  gtk_widget_set_visible (button, TRUE);
  return button;
}

static void
rebind (HdWeekGrid *self)
{
  guint capacity = MAX ((HOUR_H - 4) / (self->chip_h + CHIP_GAP), 1);

  memset (self->buckets, 0, sizeof self->buckets);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const HdCalendarEntry *entry = &g_array_index (self->entries, HdCalendarEntry, i);
      guint day;
      guint hour;
      Bucket *bucket;

      if (!locate (self, entry->scheduled_at, &day, &hour, NULL))
        continue;

      bucket = &self->buckets[day * HOURS + hour];
      if (bucket->n_entries == 0)
        bucket->first_entry = i;
      bucket->n_entries++;
    }

  self->n_chips_used = 0;
  self->n_more_used = 0;

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      const Bucket *bucket = &self->buckets[slot];
      guint shown = bucket->n_entries <= capacity ? bucket->n_entries : capacity - 1;

      self->slot_chip[slot] = self->n_chips_used;
      self->slot_shown[slot] = shown;
      self->slot_more[slot] = -1;

      for (guint k = 0; k < shown; k++)
        hd_calendar_chip_bind (take_chip (self),
                               &g_array_index (self->entries, HdCalendarEntry,
                                               bucket->first_entry + k),
                               self->zone);

      if (bucket->n_entries > shown)
        {
          take_more (self, slot, bucket->n_entries - shown);
          self->slot_more[slot] = self->n_more_used - 1;
        }
    }

  for (guint i = self->n_chips_used; i < self->chips->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->chips, i), FALSE);
  for (guint i = self->n_more_used; i < self->more_buttons->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->more_buttons, i), FALSE);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
rebind_in_idle (gpointer data)
{
  HdWeekGrid *self = data;

  self->rebind_idle = 0;
  rebind (self);

  return G_SOURCE_REMOVE;
}

static void
update_slot_labels (HdWeekGrid *self)
{
  for (guint day = 0; day < 7; day++)
    {
      GDate date = self->first;
      g_autoptr(GDateTime) noon = NULL;
      g_autofree char *name = NULL;
      gboolean today;

      g_date_add_days (&date, day);
      today = g_date_valid (&self->today) && g_date_compare (&date, &self->today) == 0;
      noon = g_date_time_new (self->zone, g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
      name = g_date_time_format (noon, _("%A %-d %B"));

      for (guint hour = 0; hour < HOURS; hour++)
        {
          GtkWidget *slot = self->slots[day * HOURS + hour];
          /* TRANSLATORS: a slot of the week grid, a day and an hour: "Tuesday 3 December, 09:00" */
          g_autofree char *label = g_strdup_printf (_("%s, %02u:00"), name, hour);

          gtk_accessible_update_property (GTK_ACCESSIBLE (slot),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          if (today)
            gtk_widget_add_css_class (slot, "today");
          else
            gtk_widget_remove_css_class (slot, "today");
        }
    }
}

static void
hd_week_grid_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = GUTTER_W + 7 * MIN_COL_W;
      *natural = GUTTER_W + 7 * 140;
    }
  else
    {
      *minimum = *natural = HOURS * HOUR_H;
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

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, MAX (width, min), height }, -1);
}

static void
column_edges (int      width,
              gboolean rtl,
              int      col_x[8])
{
  for (guint c = 0; c <= 7; c++)
    col_x[c] = GUTTER_W + (int) ((gint64) (width - GUTTER_W) * c / 7);

  if (rtl)
    for (guint c = 0; c <= 7; c++)
      col_x[c] = width - col_x[c];
}

static void
hd_week_grid_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  HdWeekGrid *self = HD_WEEK_GRID (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int col_x[8];
  int nat;

  gtk_widget_measure (self->probe_chip, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
  /* The chips were bound for another height: bind again once this frame is drawn. */
  if (nat != self->chip_h && nat > 0)
    {
      self->chip_h = nat;
      if (self->rebind_idle == 0)
        self->rebind_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, rebind_in_idle, self,
                                             NULL);
    }

  column_edges (width, rtl, col_x);

  for (guint hour = 0; hour < HOURS; hour++)
    allocate_child (self->hour_labels[hour], rtl ? width - GUTTER_W : 0, hour * HOUR_H,
                    GUTTER_W, HOUR_H);

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      guint day = slot / HOURS;
      guint hour = slot % HOURS;
      int x = MIN (col_x[day], col_x[day + 1]);
      int w = ABS (col_x[day + 1] - col_x[day]);
      int y = hour * HOUR_H;
      int chip_y = y + 2;

      allocate_child (self->slots[slot], x, y, w, HOUR_H);

      for (guint k = 0; k < self->slot_shown[slot]; k++)
        {
          allocate_child (g_ptr_array_index (self->chips, self->slot_chip[slot] + k),
                          x + 2, chip_y, w - 4, self->chip_h);
          chip_y += self->chip_h + CHIP_GAP;
        }

      if (self->slot_more[slot] >= 0)
        {
          GtkWidget *more = g_ptr_array_index (self->more_buttons, self->slot_more[slot]);

          allocate_child (more, x + 2, chip_y, w - 4, MIN (self->chip_h, y + HOUR_H - chip_y));
        }
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_present (self->popover);
}

static gboolean
drop_on_grid (HdWeekGrid *self,
              const char *post_id,
              double      x,
              double      y)
{
  HdWeekView *view = get_view (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  guint minute = 0;
  int col;
  int hour;

  if (view == NULL || post_id == NULL || *post_id == '\0' || width <= GUTTER_W)
    return FALSE;

  if (rtl)
    x = width - x;
  if (x < GUTTER_W || y < 0 || y >= HOURS * HOUR_H)
    return FALSE;

  col = CLAMP ((int) ((x - GUTTER_W) * 7 / (width - GUTTER_W)), 0, 6);
  hour = CLAMP ((int) (y / HOUR_H), 0, HOURS - 1);

  /* The post keeps its minutes, so 09:30 dropped on 14:00 becomes 14:30. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      const HdCalendarEntry *entry = &g_array_index (self->entries, HdCalendarEntry, i);
      guint d;
      guint h;

      if (g_str_equal (entry->id, post_id))
        {
          if (!locate (self, entry->scheduled_at, &d, &h, &minute))
            {
              int interval = g_time_zone_find_interval (self->zone, G_TIME_TYPE_UNIVERSAL,
                                                        entry->scheduled_at);
              gint64 local = entry->scheduled_at +
                             (interval >= 0 ? g_time_zone_get_offset (self->zone, interval) : 0);

              minute = (guint) (((local % 3600) + 3600) % 3600 / 60);
            }
          break;
        }
    }

  g_signal_emit (view, signals[MOVE_POST], 0, post_id, slot_instant (self, col, hour, minute));
  return TRUE;
}

static gboolean
on_drop (HdWeekGrid    *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;

  return drop_on_grid (self, g_value_get_string (value), x, y);
}

static void
hd_week_grid_dispose (GObject *object)
{
  HdWeekGrid *self = HD_WEEK_GRID (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebind_idle, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->popover);

  g_clear_pointer (&self->chips, g_ptr_array_unref);
  g_clear_pointer (&self->more_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_week_grid_parent_class)->dispose (object);
}

static void
hd_week_grid_finalize (GObject *object)
{
  HdWeekGrid *self = HD_WEEK_GRID (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (hd_week_grid_parent_class)->finalize (object);
}

static void
hd_week_grid_class_init (HdWeekGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_week_grid_dispose;
  object_class->finalize = hd_week_grid_finalize;
  widget_class->measure = hd_week_grid_measure;
  widget_class->size_allocate = hd_week_grid_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "hd-week-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
hd_week_grid_init (HdWeekGrid *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  HdCalendarEntry sample = { .scheduled_at = 1, .channel_kinds = 1, .excerpt = "Ag" };
  GtkWidget *scrolled;
  GtkWidget *list;

  hd_calendar_ensure_style ();

  self->entries = g_array_new (FALSE, FALSE, sizeof (HdCalendarEntry));
  self->chips = g_ptr_array_new ();
  self->more_buttons = g_ptr_array_new ();
  self->zone = g_time_zone_new_local ();
  self->chip_h = 22;
  g_date_clear (&self->first, 1);
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->first, 1, 1, 2026);
  for (guint i = 0; i < N_SLOTS; i++)
    self->slot_more[i] = -1;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  for (guint hour = 0; hour < HOURS; hour++)
    {
      g_autofree char *text = g_strdup_printf ("%02u:00", hour);

      self->hour_labels[hour] = gtk_label_new (text);
      gtk_widget_set_valign (self->hour_labels[hour], GTK_ALIGN_START);
      gtk_widget_add_css_class (self->hour_labels[hour], "hd-hour");
      gtk_widget_add_css_class (self->hour_labels[hour], "numeric");
      gtk_widget_add_css_class (self->hour_labels[hour], "dim-label");
      gtk_widget_set_parent (self->hour_labels[hour], GTK_WIDGET (self));
    }

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      self->slots[slot] = gtk_button_new ();
      gtk_widget_add_css_class (self->slots[slot], "hd-week-slot");
      gtk_widget_set_focus_on_click (self->slots[slot], FALSE);
      g_signal_connect_swapped (self->slots[slot], "clicked", G_CALLBACK (on_slot_clicked), self);
      gtk_widget_set_parent (self->slots[slot], GTK_WIDGET (self));
    }

  self->probe_chip = hd_calendar_chip_new ();
  hd_calendar_chip_bind (HD_CALENDAR_CHIP (self->probe_chip), &sample, self->zone);
  gtk_widget_set_child_visible (self->probe_chip, FALSE);
  gtk_widget_set_parent (self->probe_chip, GTK_WIDGET (self));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "hd-day-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Posts in this hour"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  self->popover = g_object_ref_sink (GTK_POPOVER (gtk_popover_new ()));
  gtk_popover_set_child (self->popover, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  self->popover_list = GTK_LIST_BOX (list);

  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* The view */

GtkWidget *
hd_week_view_new (void)
{
  return g_object_new (HD_TYPE_WEEK_VIEW, NULL);
}

void
hd_week_view_set_week (HdWeekView *self,
                       GTimeZone  *zone,
                       int         year,
                       int         month,
                       int         day)
{
  HdWeekGrid *grid;

  g_return_if_fail (HD_IS_WEEK_VIEW (self));
  g_return_if_fail (zone != NULL);
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  grid = self->grid;
  if (grid->zone != zone)
    {
      g_clear_pointer (&grid->zone, g_time_zone_unref);
      grid->zone = g_time_zone_ref (zone);
    }
  g_date_set_dmy (&grid->first, day, month, year);

  for (guint d = 0; d <= 7; d++)
    {
      GDate date = grid->first;
      gint64 instant = 0;

      g_date_add_days (&date, d);
      hd_wall_time_to_instant (zone, g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 0, 0, 0, &instant);
      grid->day_starts[d] = instant;

      if (d < 7)
        {
          g_autoptr(GDateTime) noon = g_date_time_new (zone, g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 12, 0, 0);
          /* TRANSLATORS: a column of the week grid, such as "Tue 3"; see g_date_time_format() */
          g_autofree char *text = g_date_time_format (noon, _("%a %-d"));
          g_autofree char *full = g_date_time_format (noon, _("%A %-d %B"));
          gboolean today = g_date_valid (&grid->today) && g_date_compare (&date, &grid->today) == 0;

          gtk_label_set_label (GTK_LABEL (self->day_labels[d]), text);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_labels[d]),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                          -1);
          if (today)
            gtk_widget_add_css_class (self->day_labels[d], "today");
          else
            gtk_widget_remove_css_class (self->day_labels[d], "today");
        }
    }

  g_array_set_size (grid->entries, 0);
  update_slot_labels (grid);
  rebind (grid);
}

void
hd_week_view_get_range (HdWeekView *self,
                        gint64     *from,
                        gint64     *to)
{
  g_return_if_fail (HD_IS_WEEK_VIEW (self));

  if (from != NULL)
    *from = self->grid->day_starts[0];
  if (to != NULL)
    *to = self->grid->day_starts[7];
}

void
hd_week_view_set_entries (HdWeekView *self,
                          GArray     *entries)
{
  g_return_if_fail (HD_IS_WEEK_VIEW (self));

  g_array_set_size (self->grid->entries, 0);
  if (entries != NULL && entries->len > 0)
    g_array_append_vals (self->grid->entries, entries->data, entries->len);
  rebind (self->grid);
}

void
hd_week_view_set_today (HdWeekView *self,
                        int         year,
                        int         month,
                        int         day)
{
  g_return_if_fail (HD_IS_WEEK_VIEW (self));

  if (g_date_valid_dmy (day, month, year))
    g_date_set_dmy (&self->grid->today, day, month, year);
}

gboolean
hd_week_view_drop (HdWeekView *self,
                   const char *post_id,
                   double      x,
                   double      y)
{
  g_return_val_if_fail (HD_IS_WEEK_VIEW (self), FALSE);

  return drop_on_grid (self->grid, post_id, x, y);
}

gboolean
hd_week_view_find_post (HdWeekView *self,
                        const char *post_id,
                        int        *day,
                        int        *hour)
{
  HdWeekGrid *grid;
  int width;

  g_return_val_if_fail (HD_IS_WEEK_VIEW (self), FALSE);

  grid = self->grid;
  width = gtk_widget_get_width (GTK_WIDGET (grid));

  for (guint i = 0; i < grid->n_chips_used; i++)
    {
      GtkWidget *chip = g_ptr_array_index (grid->chips, i);
      graphene_rect_t bounds;

      /* A chip placed since the last frame has no size yet: it is not on screen either. */
      if (g_strcmp0 (hd_calendar_chip_get_post_id (HD_CALENDAR_CHIP (chip)), post_id) != 0 ||
          gtk_widget_get_width (chip) == 0 ||
          !gtk_widget_compute_bounds (chip, GTK_WIDGET (grid), &bounds) || width <= GUTTER_W)
        continue;

      if (day != NULL)
        *day = (int) ((bounds.origin.x - GUTTER_W) * 7 / (width - GUTTER_W));
      if (hour != NULL)
        *hour = (int) (bounds.origin.y / HOUR_H);
      return TRUE;
    }

  return FALSE;
}

GtkWidget *
hd_week_view_get_grid (HdWeekView *self)
{
  g_return_val_if_fail (HD_IS_WEEK_VIEW (self), NULL);

  return GTK_WIDGET (self->grid);
}

int
hd_week_view_get_hour_height (HdWeekView *self)
{
  return HOUR_H;
}

int
hd_week_view_get_gutter_width (HdWeekView *self)
{
  return GUTTER_W;
}

GtkWidget *
hd_week_view_get_slot (HdWeekView *self,
                       int         day,
                       int         hour)
{
  g_return_val_if_fail (HD_IS_WEEK_VIEW (self), NULL);
  g_return_val_if_fail (day >= 0 && day < 7 && hour >= 0 && hour < HOURS, NULL);

  return self->grid->slots[day * HOURS + hour];
}

GtkAdjustment *
hd_week_view_get_vadjustment (HdWeekView *self)
{
  g_return_val_if_fail (HD_IS_WEEK_VIEW (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scrolled);
}

static gboolean
scroll_to_morning (gpointer data)
{
  gtk_adjustment_set_value (GTK_ADJUSTMENT (data), FIRST_HOUR * HOUR_H);

  return G_SOURCE_REMOVE;
}

/* The working day is what people plan, so the grid opens on the morning, not on midnight. */
static void
on_vadjustment_changed (HdWeekView    *self,
                        GtkAdjustment *adjustment)
{
  /* Only once the grid is laid out in a visible window: earlier values are reset. */
  if (self->scrolled_to_morning || gtk_adjustment_get_upper (adjustment) < HOURS * HOUR_H ||
      gtk_adjustment_get_page_size (adjustment) <= 0)
    return;

  /* Set from an idle: the scrolled window is still configuring the adjustment here. */
  self->scrolled_to_morning = TRUE;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, scroll_to_morning, g_object_ref (adjustment),
                   g_object_unref);
}

static void
hd_week_view_dispose (GObject *object)
{
  HdWeekView *self = HD_WEEK_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hd_week_view_parent_class)->dispose (object);
}

static void
hd_week_view_class_init (HdWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_week_view_dispose;

  /* An empty hour was clicked: write a post at that instant. */
  signals[SLOT_ACTIVATED] =
    g_signal_new ("slot-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  signals[POST_ACTIVATED] =
    g_signal_new ("post-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* A post was dropped on an hour: move it to that instant. */
  signals[MOVE_POST] =
    g_signal_new ("move-post",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hd-week-view");
}

static void
hd_week_view_init (HdWeekView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *spacer;
  GtkWidget *days;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->header, "hd-week-header");
  spacer = gtk_label_new (NULL);
  gtk_widget_set_size_request (spacer, GUTTER_W, -1);
  gtk_box_append (GTK_BOX (self->header), spacer);
  /* Equal columns, as in the grid below, whatever the length of each day's name. */
  days = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (days), TRUE);
  gtk_widget_set_hexpand (days, TRUE);
  gtk_box_append (GTK_BOX (self->header), days);
  for (guint d = 0; d < 7; d++)
    {
      self->day_labels[d] = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (self->day_labels[d]), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (self->day_labels[d]), 3);
      gtk_widget_add_css_class (self->day_labels[d], "hd-weekday");
      gtk_box_append (GTK_BOX (days), self->day_labels[d]);
    }
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  self->grid = g_object_new (HD_TYPE_WEEK_GRID, NULL);
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->grid));
  gtk_widget_set_parent (GTK_WIDGET (self->scrolled), GTK_WIDGET (self));

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "changed",
                           G_CALLBACK (on_vadjustment_changed), self, G_CONNECT_SWAPPED);
}
