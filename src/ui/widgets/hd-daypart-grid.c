/* hd-daypart-grid.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "hd-daypart-grid.h"
#include "hd-daypart-grid-private.h"

#define N_DAYS        7
#define N_HOURS       24
#define ALL_HOURS     0xffffffu
#define ROW_HEIGHT    26.0
#define CELL_GAP      2.0
#define CELL_RADIUS   3.0
#define MIN_CELL      10.0
#define NAT_CELL      26.0
#define LABEL_SPACING 8.0

struct _HdDaypartGrid
{
  GtkWidget    parent_instance;

  /* the model: one bit per hour of the week, day 0 = Sunday */
  guint8       hours[HD_DAYPART_HOURS_SIZE];
  guint        first_weekday;

  /* painting with the pointer or with Shift and the arrows: the rectangle from the anchor to
   * the current cell gets the anchor's new state over the hours as they were before */
  gboolean     painting;
  gboolean     paint_on;
  guint        anchor_row;
  guint        anchor_hour;
  guint8       before_paint[HD_DAYPART_HOURS_SIZE];

  /* the cell the keys act on, in display rows (0 = first weekday), and the one under the
   * pointer, or -1 */
  guint        focus_row;
  guint        focus_hour;
  gboolean     focus_moved;
  int          hover_row;
  int          hover_hour;

  /* owned references */
  PangoLayout *day_layouts[N_DAYS];
  char        *day_names[N_DAYS];
};

G_DEFINE_FINAL_TYPE (HdDaypartGrid, hd_daypart_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FIRST_WEEKDAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Plural because the summary speaks of a weekly schedule: "Mondays to Fridays". */
static const char *plural_day_names[N_DAYS] = {
  N_("Sundays"), N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"),
  N_("Fridays"), N_("Saturdays"),
};

static gboolean
get_bit (const guint8 *hours,
         guint         day,
         guint         hour)
{
  guint bit = day * N_HOURS + hour;

  return (hours[bit / 8] >> (bit % 8)) & 1;
}

static void
put_bit (guint8   *hours,
         guint     day,
         guint     hour,
         gboolean  chosen)
{
  guint bit = day * N_HOURS + hour;

  if (chosen)
    hours[bit / 8] |= 1u << (bit % 8);
  else
    hours[bit / 8] &= ~(1u << (bit % 8));
}

static guint32
day_mask (const guint8 *hours,
          guint         day)
{
  guint32 mask = 0;

  for (guint h = 0; h < N_HOURS; h++)
    if (get_bit (hours, day, h))
      mask |= 1u << h;

  return mask;
}

/* The first day of the week as the locale's LC_TIME has it (glibc only), as GtkCalendar
 * reads it; Monday where the C library cannot say. */
static guint
locale_first_weekday (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  guint week_origin;
  int first_weekday;
  int week_1stday;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;

  if (week_origin == 19971130)      /* a Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201) /* a Monday */
    week_1stday = 1;
  else
    return 1;

  if (first_weekday < 1 || first_weekday > 7)
    return 1;

  return (guint) (week_1stday + first_weekday - 1) % N_DAYS;
#else
  return 1;
#endif
}

static guint
row_to_day (HdDaypartGrid *self,
            guint          row)
{
  return (self->first_weekday + row) % N_DAYS;
}

/* A weekly date whose weekday is @day, for the locale's names of the days. */
static GDateTime *
sample_day (guint day)
{
  /* 1 January 2023 was a Sunday. */
  return g_date_time_new_utc (2023, 1, 1 + (int) day, 12, 0, 0);
}

static char *
format_hour (guint hour)
{
  /* TRANSLATORS: the start of an hour in a weekly schedule, 0 to 24, such as "9:00" */
  return g_strdup_printf (_("%u:00"), hour);
}

/* "A", "A and B", "A, B and C". */
static char *
join_list (GPtrArray *items)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0 && i + 1 == items->len)
        {
          g_autofree char *joined = NULL;

          /* TRANSLATORS: the last two items of a list, such as "Mondays and Fridays" */
          joined = g_strdup_printf (_("%s and %s"), out->str, (char *) items->pdata[i]);
          g_string_assign (out, joined);
          continue;
        }
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, items->pdata[i]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_days (const gboolean in_group[N_DAYS],
               guint          first_weekday)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;
  guint row = 0;

  for (guint r = 0; r < N_DAYS; r++)
    count += in_group[(first_weekday + r) % N_DAYS] ? 1 : 0;
  if (count == N_DAYS)
    return g_strdup (_("Every day"));

  while (row < N_DAYS)
    {
      guint start = row;
      guint first_day;
      guint last_day;

      if (!in_group[(first_weekday + row) % N_DAYS])
        {
          row++;
          continue;
        }
      while (row < N_DAYS && in_group[(first_weekday + row) % N_DAYS])
        row++;

      first_day = (first_weekday + start) % N_DAYS;
      last_day = (first_weekday + row - 1) % N_DAYS;
      if (row - start >= 3)
        /* TRANSLATORS: a run of days in a weekly schedule, such as "Mondays to Fridays" */
        g_ptr_array_add (runs, g_strdup_printf (_("%s to %s"), _(plural_day_names[first_day]),
                                                _(plural_day_names[last_day])));
      else
        for (guint r = start; r < row; r++)
          g_ptr_array_add (runs,
                           g_strdup (_(plural_day_names[(first_weekday + r) % N_DAYS])));
    }

  return join_list (runs);
}

static char *
describe_day_hours (guint32 mask)
{
  g_autoptr(GPtrArray) ranges = g_ptr_array_new_with_free_func (g_free);
  guint hour = 0;

  if (mask == (ALL_HOURS))
    return g_strdup (_("all day"));

  while (hour < N_HOURS)
    {
      guint start = hour;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (!(mask & (1u << hour)))
        {
          hour++;
          continue;
        }
      while (hour < N_HOURS && (mask & (1u << hour)))
        hour++;

      from = format_hour (start);
      to = format_hour (hour);
      /* TRANSLATORS: a range of hours, such as "9:00–17:00" */
      g_ptr_array_add (ranges, g_strdup_printf (_("%s–%s"), from, to));
    }

  return join_list (ranges);
}

/**
 * hd_daypart_grid_describe_hours:
 * @hours: the week, as hd_daypart_grid_get_hours() gives it
 * @first_weekday: the day the summary starts from, 0 = Sunday
 *
 * Says which hours are chosen, grouping the days that share the same hours:
 * "Mondays to Fridays, 9:00–17:00; Saturdays, 10:00–14:00".
 *
 * Returns: (transfer full): the summary
 */
char *
hd_daypart_grid_describe_hours (const guint8 hours[HD_DAYPART_HOURS_SIZE],
                           guint        first_weekday)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint32 masks[N_DAYS];
  gboolean described[N_DAYS] = { FALSE, };
  gboolean any = FALSE;
  gboolean all = TRUE;

  g_return_val_if_fail (hours != NULL, NULL);
  g_return_val_if_fail (first_weekday < N_DAYS, NULL);

  for (guint d = 0; d < N_DAYS; d++)
    {
      masks[d] = day_mask (hours, d);
      any |= masks[d] != 0;
      all &= masks[d] == (ALL_HOURS);
    }

  if (!any)
    return g_strdup (_("No hours chosen"));
  if (all)
    return g_strdup (_("Every hour of every day"));

  for (guint r = 0; r < N_DAYS; r++)
    {
      guint day = (first_weekday + r) % N_DAYS;
      gboolean in_group[N_DAYS] = { FALSE, };
      g_autofree char *days = NULL;
      g_autofree char *day_hours = NULL;

      if (masks[day] == 0 || described[day])
        continue;

      for (guint other = 0; other < N_DAYS; other++)
        if (masks[other] == masks[day])
          in_group[other] = described[other] = TRUE;

      days = describe_days (in_group, first_weekday);
      day_hours = describe_day_hours (masks[day]);
      if (out->len > 0)
        g_string_append (out, _("; "));
      /* TRANSLATORS: days and their hours, such as "Mondays to Fridays, 9:00–17:00" */
      g_string_append_printf (out, _("%s, %s"), days, day_hours);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Geometry. The day names sit in a column on the left, the hour labels in a row on top, and
 * the cells share what is left of the width. */

static double
label_column_width (HdDaypartGrid *self)
{
  int widest = 0;

  for (guint d = 0; d < N_DAYS; d++)
    {
      int width;

      pango_layout_get_pixel_size (self->day_layouts[d], &width, NULL);
      widest = MAX (widest, width);
    }

  return widest + LABEL_SPACING;
}

static double
header_height (HdDaypartGrid *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height + 4.0;
}

static double
cell_width (HdDaypartGrid *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - label_column_width (self);

  return MAX (width, 0) / N_HOURS;
}

static void
get_cell_rect (HdDaypartGrid   *self,
               guint            row,
               guint            hour,
               graphene_rect_t *rect)
{
  double cell = cell_width (self);
  double x = label_column_width (self) + hour * cell;
  double y = header_height (self) + row * ROW_HEIGHT;

  graphene_rect_init (rect, x + CELL_GAP / 2, y + CELL_GAP / 2,
                      MAX (cell - CELL_GAP, 1), ROW_HEIGHT - CELL_GAP);
}

/* The cell nearest to a point, so a drag that leaves the grid keeps painting its edge. */
static void
nearest_cell (HdDaypartGrid *self,
              double         x,
              double         y,
              guint         *row,
              guint         *hour)
{
  double cell = cell_width (self);
  double column = cell > 0 ? (x - label_column_width (self)) / cell : 0;
  double line = (y - header_height (self)) / ROW_HEIGHT;

  *hour = (guint) CLAMP (column, 0, N_HOURS - 1);
  *row = (guint) CLAMP (line, 0, N_DAYS - 1);
}

static gboolean
cell_at (HdDaypartGrid *self,
         double         x,
         double         y,
         guint         *row,
         guint         *hour)
{
  double left = label_column_width (self);
  double top = header_height (self);

  if (x < left || y < top || x >= left + cell_width (self) * N_HOURS ||
      y >= top + ROW_HEIGHT * N_DAYS)
    return FALSE;

  nearest_cell (self, x, y, row, hour);
  return TRUE;
}

/* Every 3 hours when there is room, then every 6 or 12 as the cells shrink. */
static guint
label_stride (HdDaypartGrid *self)
{
  static const guint strides[] = { 3, 6, 12 };
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "00");
  double cell = cell_width (self);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (strides); i++)
    if (strides[i] * cell >= width + 6)
      return strides[i];

  return 24;
}

static void
update_accessible_description (HdDaypartGrid *self)
{
  g_autofree char *summary = hd_daypart_grid_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
hours_changed (HdDaypartGrid *self)
{
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
replace_hours (HdDaypartGrid *self,
               const guint8  *hours)
{
  if (memcmp (self->hours, hours, HD_DAYPART_HOURS_SIZE) == 0)
    return;

  memcpy (self->hours, hours, HD_DAYPART_HOURS_SIZE);
  hours_changed (self);
}

static void
begin_paint (HdDaypartGrid *self,
             guint          row,
             guint          hour,
             gboolean       paint_on)
{
  self->painting = TRUE;
  self->paint_on = paint_on;
  self->anchor_row = row;
  self->anchor_hour = hour;
  memcpy (self->before_paint, self->hours, HD_DAYPART_HOURS_SIZE);
}

static void
paint_to (HdDaypartGrid *self,
          guint          row,
          guint          hour)
{
  guint8 painted[HD_DAYPART_HOURS_SIZE];
  guint first_row = MIN (row, self->anchor_row);
  guint last_row = MAX (row, self->anchor_row);
  guint first_hour = MIN (hour, self->anchor_hour);
  guint last_hour = MAX (hour, self->anchor_hour);

  g_assert (self->painting);

  memcpy (painted, self->before_paint, HD_DAYPART_HOURS_SIZE);
  for (guint r = first_row; r <= last_row; r++)
    for (guint h = first_hour; h <= last_hour; h++)
      put_bit (painted, row_to_day (self, r), h, self->paint_on);

  replace_hours (self, painted);
}

static void
move_focus (HdDaypartGrid *self,
            guint          row,
            guint          hour)
{
  if (self->focus_row == row && self->focus_hour == hour)
    return;

  self->focus_row = row;
  self->focus_hour = hour;
  self->focus_moved = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_hd_daypart_grid_press (HdDaypartGrid *self,
                        double         x,
                        double         y)
{
  guint row;
  guint hour;

  g_return_if_fail (HD_IS_DAYPART_GRID (self));

  if (!cell_at (self, x, y, &row, &hour))
    return;

  /* The first cell decides: pressing a chosen hour erases, an empty one paints. */
  begin_paint (self, row, hour, !get_bit (self->hours, row_to_day (self, row), hour));
  move_focus (self, row, hour);
  paint_to (self, row, hour);
}

void
_hd_daypart_grid_drag_to (HdDaypartGrid *self,
                          double         x,
                          double         y)
{
  guint row;
  guint hour;

  g_return_if_fail (HD_IS_DAYPART_GRID (self));

  if (!self->painting)
    return;

  nearest_cell (self, x, y, &row, &hour);
  move_focus (self, row, hour);
  paint_to (self, row, hour);
}

void
_hd_daypart_grid_release (HdDaypartGrid *self)
{
  g_return_if_fail (HD_IS_DAYPART_GRID (self));

  self->painting = FALSE;
}

gboolean
_hd_daypart_grid_cell_at (HdDaypartGrid *self,
                          double         x,
                          double         y,
                          guint         *day,
                          guint         *hour)
{
  guint row;

  g_return_val_if_fail (HD_IS_DAYPART_GRID (self), FALSE);

  if (!cell_at (self, x, y, &row, hour))
    return FALSE;

  *day = row_to_day (self, row);
  return TRUE;
}

gboolean
_hd_daypart_grid_cell_bounds (HdDaypartGrid   *self,
                              guint            day,
                              guint            hour,
                              graphene_rect_t *bounds)
{
  g_return_val_if_fail (HD_IS_DAYPART_GRID (self), FALSE);
  g_return_val_if_fail (day < N_DAYS && hour < N_HOURS, FALSE);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  get_cell_rect (self, (day + N_DAYS - self->first_weekday) % N_DAYS, hour, bounds);
  return TRUE;
}

void
_hd_daypart_grid_get_focus (HdDaypartGrid *self,
                            guint         *day,
                            guint         *hour)
{
  g_return_if_fail (HD_IS_DAYPART_GRID (self));

  *day = row_to_day (self, self->focus_row);
  *hour = self->focus_hour;
}

guint
_hd_daypart_grid_label_stride (HdDaypartGrid *self)
{
  g_return_val_if_fail (HD_IS_DAYPART_GRID (self), 0);

  return label_stride (self);
}

/* Event handlers. */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HdDaypartGrid  *self)
{
  guint row;
  guint hour;

  if (!cell_at (self, x, y, &row, &hour))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  _hd_daypart_grid_press (self, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                HdDaypartGrid  *self)
{
  double x;
  double y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _hd_daypart_grid_drag_to (self, x + offset_x, y + offset_y);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             HdDaypartGrid  *self)
{
  _hd_daypart_grid_release (self);
}

static void
set_hover (HdDaypartGrid *self,
           int            row,
           int            hour)
{
  if (self->hover_row == row && self->hover_hour == hour)
    return;

  self->hover_row = row;
  self->hover_hour = hour;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           HdDaypartGrid            *self)
{
  guint row;
  guint hour;

  if (cell_at (self, x, y, &row, &hour))
    set_hover (self, (int) row, (int) hour);
  else
    set_hover (self, -1, -1);
}

static void
on_leave (GtkEventControllerMotion *motion,
          HdDaypartGrid            *self)
{
  set_hover (self, -1, -1);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HdDaypartGrid         *self)
{
  int row = (int) self->focus_row;
  int hour = (int) self->focus_hour;
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      {
        guint day = row_to_day (self, self->focus_row);

        self->painting = FALSE;
        hd_daypart_grid_set_hour (self, day, self->focus_hour,
                                  !get_bit (self->hours, day, self->focus_hour));
        return GDK_EVENT_STOP;
      }
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      hour--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      hour++;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      hour = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      hour = N_HOURS - 1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  /* At an edge the arrow belongs to the container, so focus can leave the grid. */
  if (row < 0 || row >= N_DAYS || hour < 0 || hour >= N_HOURS)
    return GDK_EVENT_PROPAGATE;

  if (!extend)
    {
      self->painting = FALSE;
      move_focus (self, (guint) row, (guint) hour);
      return GDK_EVENT_STOP;
    }

  /* Shift spreads the state of the cell where the extension began over the rectangle up to
   * the focus, as a drag from there would. */
  if (!self->painting)
    begin_paint (self, self->focus_row, self->focus_hour,
                 get_bit (self->hours, row_to_day (self, self->focus_row), self->focus_hour));
  move_focus (self, (guint) row, (guint) hour);
  paint_to (self, (guint) row, (guint) hour);

  return GDK_EVENT_STOP;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 HdDaypartGrid         *self)
{
  if (keyval == GDK_KEY_Shift_L || keyval == GDK_KEY_Shift_R)
    self->painting = FALSE;
}

static gboolean
on_query_tooltip (HdDaypartGrid *self,
                  int            x,
                  int            y,
                  gboolean       keyboard_mode,
                  GtkTooltip    *tooltip)
{
  guint row;
  guint hour;
  guint day;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;

  if (keyboard_mode)
    {
      row = self->focus_row;
      hour = self->focus_hour;
    }
  else if (!cell_at (self, x, y, &row, &hour))
    return FALSE;

  day = row_to_day (self, row);
  from = format_hour (hour);
  to = format_hour (hour + 1);
  /* TRANSLATORS: one hour of the week, such as "Monday 9:00–10:00" */
  text = g_strdup_printf (_("%s %s–%s"), self->day_names[day], from, to);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* Drawing. */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  /* GTK 4.8 has no other way to read a named colour of the style; libadwaita defines these
   * for light, dark and high contrast alike. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
foreground_color (GtkWidget *widget,
                  GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, CELL_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  double         x,
                  double         y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_labels (HdDaypartGrid *self,
                 GtkSnapshot   *snapshot,
                 const GdkRGBA *dim)
{
  double left = label_column_width (self);
  double top = header_height (self);
  double cell = cell_width (self);
  guint stride = label_stride (self);

  for (guint h = 0; h < N_HOURS; h += stride)
    {
      g_autofree char *text = g_strdup_printf ("%u", h);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

      append_layout_at (snapshot, layout, left + h * cell + CELL_GAP / 2, 0, dim);
    }

  for (guint r = 0; r < N_DAYS; r++)
    {
      PangoLayout *layout = self->day_layouts[row_to_day (self, r)];
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      append_layout_at (snapshot, layout, 0, top + r * ROW_HEIGHT + (ROW_HEIGHT - height) / 2,
                        dim);
    }
}

static void
hd_daypart_grid_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HdDaypartGrid *self = HD_DAYPART_GRID (widget);
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA empty;
  GdkRGBA hover;
  GdkRGBA accent;
  GdkRGBA focus;

  foreground_color (widget, &fg);
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  lookup_color (widget, "accent_color", "#1c71d8", &focus);
  dim = fg;
  dim.alpha *= 0.6f;
  empty = fg;
  empty.alpha *= 0.1f;
  hover = fg;
  hover.alpha *= 0.15f;

  snapshot_labels (self, snapshot, &dim);

  for (guint r = 0; r < N_DAYS; r++)
    for (guint h = 0; h < N_HOURS; h++)
      {
        graphene_rect_t rect;
        gboolean chosen = get_bit (self->hours, row_to_day (self, r), h);

        get_cell_rect (self, r, h, &rect);
        append_rounded (snapshot, &rect, chosen ? &accent : &empty);
        if ((int) r == self->hover_row && (int) h == self->hover_hour)
          append_rounded (snapshot, &rect, &hover);
      }

  if (gtk_widget_has_visible_focus (widget))
    {
      graphene_rect_t rect;
      GskRoundedRect outline;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { fg, fg, fg, fg };

      get_cell_rect (self, self->focus_row, self->focus_hour, &rect);
      graphene_rect_inset (&rect, -1, -1);
      gsk_rounded_rect_init_from_rect (&outline, &rect, CELL_RADIUS + 1);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
hd_daypart_grid_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  HdDaypartGrid *self = HD_DAYPART_GRID (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      double left = label_column_width (self);

      *minimum = (int) ceil (left + MIN_CELL * N_HOURS);
      *natural = (int) ceil (left + NAT_CELL * N_HOURS);
    }
  else
    {
      *minimum = *natural = (int) ceil (header_height (self) + ROW_HEIGHT * N_DAYS);
    }
}

/* The day names follow the locale and the font, so they are laid out again when either
 * changes. */
static void
update_day_layouts (HdDaypartGrid *self)
{
  for (guint d = 0; d < N_DAYS; d++)
    {
      g_autoptr(GDateTime) date = sample_day (d);
      g_autofree char *abbreviation = g_date_time_format (date, "%a");

      g_clear_object (&self->day_layouts[d]);
      self->day_layouts[d] = gtk_widget_create_pango_layout (GTK_WIDGET (self), abbreviation);
      g_free (self->day_names[d]);
      self->day_names[d] = g_date_time_format (date, "%A");
    }
}

static void
hd_daypart_grid_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (hd_daypart_grid_parent_class)->css_changed (widget, change);

  update_day_layouts (HD_DAYPART_GRID (widget));
  gtk_widget_queue_resize (widget);
}

static void
hd_daypart_grid_state_flags_changed (GtkWidget     *widget,
                                     GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (hd_daypart_grid_parent_class)->state_flags_changed (widget, previous);

  /* The focus ring comes and goes with focus-visible. */
  gtk_widget_queue_draw (widget);
}

static void
hd_daypart_grid_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HdDaypartGrid *self = HD_DAYPART_GRID (object);

  switch (prop_id)
    {
    case PROP_FIRST_WEEKDAY:
      g_value_set_uint (value, self->first_weekday);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_daypart_grid_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HdDaypartGrid *self = HD_DAYPART_GRID (object);

  switch (prop_id)
    {
    case PROP_FIRST_WEEKDAY:
      hd_daypart_grid_set_first_weekday (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_daypart_grid_finalize (GObject *object)
{
  HdDaypartGrid *self = HD_DAYPART_GRID (object);

  for (guint d = 0; d < N_DAYS; d++)
    {
      g_clear_object (&self->day_layouts[d]);
      g_clear_pointer (&self->day_names[d], g_free);
    }

  G_OBJECT_CLASS (hd_daypart_grid_parent_class)->finalize (object);
}

static void
hd_daypart_grid_class_init (HdDaypartGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_daypart_grid_get_property;
  object_class->set_property = hd_daypart_grid_set_property;
  object_class->finalize = hd_daypart_grid_finalize;

  widget_class->snapshot = hd_daypart_grid_snapshot;
  widget_class->measure = hd_daypart_grid_measure;
  widget_class->css_changed = hd_daypart_grid_css_changed;
  widget_class->state_flags_changed = hd_daypart_grid_state_flags_changed;

  /**
   * HdDaypartGrid:first-weekday:
   *
   * The day in the top row, 0 = Sunday to 6 = Saturday; the locale's first day by default.
   */
  properties[PROP_FIRST_WEEKDAY] =
    g_param_spec_uint ("first-weekday", NULL, NULL, 0, N_DAYS - 1, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HdDaypartGrid::changed:
   *
   * The chosen hours changed, by the user or by a setter.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "hd-daypart-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hd_daypart_grid_init (HdDaypartGrid *self)
{
  GtkGesture *drag;
  GtkEventController *motion;
  GtkEventController *keys;

  self->first_weekday = locale_first_weekday ();
  self->focus_row = 0;
  self->focus_hour = 9;
  self->hover_row = -1;
  self->hover_hour = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_day_layouts (self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hours of the week"),
                                  -1);
  update_accessible_description (self);
}

/**
 * hd_daypart_grid_new:
 *
 * Returns: (transfer floating): a grid with no hours chosen
 */
GtkWidget *
hd_daypart_grid_new (void)
{
  return g_object_new (HD_TYPE_DAYPART_GRID, NULL);
}

/**
 * hd_daypart_grid_get_hour:
 * @day: 0 = Sunday to 6 = Saturday
 * @hour: 0 to 23
 *
 * Returns: whether the hour starting at @hour on @day is chosen
 */
gboolean
hd_daypart_grid_get_hour (HdDaypartGrid *self,
                          guint          day,
                          guint          hour)
{
  g_return_val_if_fail (HD_IS_DAYPART_GRID (self), FALSE);
  g_return_val_if_fail (day < N_DAYS, FALSE);
  g_return_val_if_fail (hour < N_HOURS, FALSE);

  return get_bit (self->hours, day, hour);
}

void
hd_daypart_grid_set_hour (HdDaypartGrid *self,
                          guint          day,
                          guint          hour,
                          gboolean       chosen)
{
  guint8 hours[HD_DAYPART_HOURS_SIZE];

  g_return_if_fail (HD_IS_DAYPART_GRID (self));
  g_return_if_fail (day < N_DAYS);
  g_return_if_fail (hour < N_HOURS);

  memcpy (hours, self->hours, HD_DAYPART_HOURS_SIZE);
  put_bit (hours, day, hour, chosen);
  replace_hours (self, hours);
}

/**
 * hd_daypart_grid_get_hours:
 * @hours: (out caller-allocates) (array fixed-size=21): the week, see %HD_DAYPART_HOURS_SIZE
 */
void
hd_daypart_grid_get_hours (HdDaypartGrid *self,
                           guint8         hours[HD_DAYPART_HOURS_SIZE])
{
  g_return_if_fail (HD_IS_DAYPART_GRID (self));
  g_return_if_fail (hours != NULL);

  memcpy (hours, self->hours, HD_DAYPART_HOURS_SIZE);
}

/**
 * hd_daypart_grid_set_hours:
 * @hours: (array fixed-size=21): the week, see %HD_DAYPART_HOURS_SIZE
 *
 * Replaces every hour; emits #HdDaypartGrid::changed if any differs.
 */
void
hd_daypart_grid_set_hours (HdDaypartGrid *self,
                           const guint8   hours[HD_DAYPART_HOURS_SIZE])
{
  g_return_if_fail (HD_IS_DAYPART_GRID (self));
  g_return_if_fail (hours != NULL);

  self->painting = FALSE;
  replace_hours (self, hours);
}

guint
hd_daypart_grid_get_first_weekday (HdDaypartGrid *self)
{
  g_return_val_if_fail (HD_IS_DAYPART_GRID (self), 1);

  return self->first_weekday;
}

/**
 * hd_daypart_grid_set_first_weekday:
 * @first_weekday: 0 = Sunday to 6 = Saturday
 *
 * Chooses the day in the top row, for an application that lets people choose it.
 */
void
hd_daypart_grid_set_first_weekday (HdDaypartGrid *self,
                                   guint          first_weekday)
{
  guint focus_day;

  g_return_if_fail (HD_IS_DAYPART_GRID (self));
  g_return_if_fail (first_weekday < N_DAYS);

  if (self->first_weekday == first_weekday)
    return;

  /* Once moved, the focus stays on its day as the rows turn; until then it starts the week. */
  focus_day = row_to_day (self, self->focus_row);
  self->first_weekday = first_weekday;
  if (self->focus_moved)
    self->focus_row = (focus_day + N_DAYS - first_weekday) % N_DAYS;
  self->painting = FALSE;

  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_WEEKDAY]);
}

/**
 * hd_daypart_grid_describe:
 *
 * Returns: (transfer full): the chosen hours in words, as the accessible description says
 */
char *
hd_daypart_grid_describe (HdDaypartGrid *self)
{
  g_return_val_if_fail (HD_IS_DAYPART_GRID (self), NULL);

  return hd_daypart_grid_describe_hours (self->hours, self->first_weekday);
}
