/* hd-heat-map.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "reports/hd-heat-map.h"
#include "reports/hd-report-text.h"

#define LABEL_WIDTH   36.0
#define HEADER_HEIGHT 18.0
#define MIN_CELL      10.0
/* Rows stay tall enough for their weekday's name when the cells get narrow. */
#define MIN_ROW       17.0
#define NATURAL_CELL  22.0
#define CELL_GAP      2.0

struct _HdHeatMap
{
  GtkWidget        parent_instance;

  HdReportHeatMap  map;
  gboolean         has_map;
  double           highest;

  /* the cell under the pointer, or hover_weekday = -1 */
  int              hover_weekday;
  int              hover_hour;

  /* the cell the arrow keys move; it starts on the best hour until the user moves it */
  guint            focus_weekday;
  guint            focus_hour;
  gboolean         focus_moved;
  /* the keys moved since the map took the focus */
  gboolean         browsing;
};

G_DEFINE_FINAL_TYPE (HdHeatMap, hd_heat_map, GTK_TYPE_WIDGET)

/* Cells are square while there is room, and taller than wide on a narrow window. */
static void
cell_size (HdHeatMap *self,
           double    *width,
           double    *height)
{
  double available = gtk_widget_get_width (GTK_WIDGET (self)) - LABEL_WIDTH;

  *width = MAX (1.0, available / 24);
  *height = MAX (*width, MIN_ROW);
}

static gboolean
cell_at (HdHeatMap *self,
         double     x,
         double     y,
         guint     *weekday,
         guint     *hour)
{
  double cell_width, cell_height;
  double column, row;

  cell_size (self, &cell_width, &cell_height);
  column = (x - LABEL_WIDTH) / cell_width;
  row = (y - HEADER_HEIGHT) / cell_height;

  if (column < 0 || row < 0 || column >= 24 || row >= 7)
    return FALSE;

  *weekday = (guint) row;
  *hour = (guint) column;
  return TRUE;
}

char *
hd_heat_map_text_at (HdHeatMap *self,
                     double     x,
                     double     y)
{
  guint weekday, hour;

  g_return_val_if_fail (HD_IS_HEAT_MAP (self), NULL);

  if (!self->has_map || !cell_at (self, x, y, &weekday, &hour))
    return NULL;

  return hd_report_text_heat_map_cell (&self->map, weekday, hour);
}

char *
hd_heat_map_describe (HdHeatMap *self)
{
  g_return_val_if_fail (HD_IS_HEAT_MAP (self), NULL);

  if (!self->has_map)
    return g_strdup (_("No posts went out yet."));

  return hd_report_text_best_time (&self->map);
}

char *
hd_heat_map_dup_focus_text (HdHeatMap *self)
{
  g_return_val_if_fail (HD_IS_HEAT_MAP (self), NULL);

  if (!self->has_map)
    return NULL;

  return hd_report_text_heat_map_cell (&self->map, self->focus_weekday, self->focus_hour);
}

/* While the keys move through the cells, the description is the cell they are on, so a
 * screen reader reads each hour as it is reached; otherwise it sums the map up. */
static void
update_accessible (HdHeatMap *self)
{
  g_autofree char *text = NULL;

  if (self->browsing)
    text = hd_heat_map_dup_focus_text (self);
  if (text == NULL)
    text = hd_heat_map_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Best time to post"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* The cell with the most engagement per post, where the keys start. */
static void
focus_best_cell (HdHeatMap *self)
{
  double best = -1;

  self->focus_weekday = 0;
  self->focus_hour = 9;
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        double average = hd_report_heat_map_get_average (&self->map, d, h);

        if (average > best)
          {
            best = average;
            self->focus_weekday = d;
            self->focus_hour = h;
          }
      }
}

void
hd_heat_map_set_map (HdHeatMap             *self,
                     const HdReportHeatMap *map)
{
  g_return_if_fail (HD_IS_HEAT_MAP (self));

  self->has_map = map != NULL;
  self->highest = 0;
  if (map != NULL)
    {
      self->map = *map;
      for (guint d = 0; d < 7; d++)
        for (guint h = 0; h < 24; h++)
          self->highest = MAX (self->highest, hd_report_heat_map_get_average (map, d, h));
    }

  self->hover_weekday = -1;
  if (self->has_map && !self->focus_moved)
    focus_best_cell (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
append_text (GtkWidget     *widget,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         y,
             gboolean       centred,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (centred ? x - width / 2.0 : x, y - height / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
hd_heat_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  HdHeatMap *self = HD_HEAT_MAP (widget);
  double cell, row;
  GdkRGBA fg, dim, empty, accent;
  gboolean dark;

  cell_size (self, &cell, &row);
  foreground_color (widget, &fg);
  /* Light text means a dark style, whatever set it; the blue is the charts' own. */
  dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
  gdk_rgba_parse (&accent, dark ? "#62a0ea" : "#1c71d8");
  dim = fg;
  dim.alpha *= 0.6f;
  empty = fg;
  empty.alpha *= 0.06f;

  for (guint h = 0; h < 24; h += 3)
    {
      g_autofree char *label = g_strdup_printf ("%u", h);

      append_text (widget, snapshot, label, LABEL_WIDTH + (h + 0.5) * cell, HEADER_HEIGHT / 2,
                   TRUE, &dim);
    }

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *weekday = hd_report_text_weekday_short (d);

      append_text (widget, snapshot, weekday, 0, HEADER_HEIGHT + (d + 0.5) * row, FALSE, &dim);

      for (guint h = 0; h < 24; h++)
        {
          double average = self->has_map ? hd_report_heat_map_get_average (&self->map, d, h)
                                         : -1;
          graphene_rect_t box = GRAPHENE_RECT_INIT (LABEL_WIDTH + h * cell + CELL_GAP / 2,
                                                    HEADER_HEIGHT + d * row + CELL_GAP / 2,
                                                    cell - CELL_GAP, row - CELL_GAP);
          GskRoundedRect rounded;
          GdkRGBA color = empty;

          if (average >= 0)
            {
              color = accent;
              color.alpha = self->highest > 0 ? 0.15 + 0.85 * average / self->highest : 0.15;
            }

          gsk_rounded_rect_init_from_rect (&rounded, &box, MIN (3.0, cell / 5));
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &color, &box);
          gtk_snapshot_pop (snapshot);

          if ((int) d == self->hover_weekday && (int) h == self->hover_hour)
            {
              const float widths[4] = { 2, 2, 2, 2 };
              const GdkRGBA colors[4] = { fg, fg, fg, fg };

              gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
            }
        }
    }

  /* The ring sits just outside the cell, in the text's colour like the hovered cell's
   * border, so it shows on the darkest cell and beside the hovered one. */
  if (gtk_widget_has_visible_focus (widget))
    {
      graphene_rect_t box = GRAPHENE_RECT_INIT (LABEL_WIDTH + self->focus_hour * cell,
                                                HEADER_HEIGHT + self->focus_weekday * row,
                                                cell, row);
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { fg, fg, fg, fg };
      GskRoundedRect ring;

      graphene_rect_inset (&box, -1, -1);
      gsk_rounded_rect_init_from_rect (&ring, &box, MIN (4.0, cell / 4));
      gtk_snapshot_append_border (snapshot, &ring, widths, colors);
    }
}

static void
hd_heat_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (LABEL_WIDTH + 24 * MIN_CELL);
      *natural = (int) (LABEL_WIDTH + 24 * NATURAL_CELL);
    }
  else
    {
      /* Rows as tall as the cells are wide, and never too short for their names. */
      double cell = for_size > 0 ? MAX ((for_size - LABEL_WIDTH) / 24, MIN_ROW)
                                 : NATURAL_CELL;

      *minimum = *natural = (int) (HEADER_HEIGHT + 7 * cell + 1);
    }
}

static GtkSizeRequestMode
hd_heat_map_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
on_motion (HdHeatMap *self,
           double     x,
           double     y)
{
  guint weekday, hour;
  int new_weekday = -1, new_hour = -1;

  if (cell_at (self, x, y, &weekday, &hour))
    {
      new_weekday = (int) weekday;
      new_hour = (int) hour;
    }

  if (new_weekday == self->hover_weekday && new_hour == self->hover_hour)
    return;

  self->hover_weekday = new_weekday;
  self->hover_hour = new_hour;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (HdHeatMap *self)
{
  self->hover_weekday = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HdHeatMap             *self)
{
  int weekday = (int) self->focus_weekday;
  int hour = (int) self->focus_hour;

  switch (keyval)
    {
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
      weekday--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      weekday++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      hour = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      hour = 23;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  /* At an edge the arrow belongs to the page, so focus can leave the map. */
  if (weekday < 0 || weekday >= 7 || hour < 0 || hour >= 24)
    return GDK_EVENT_PROPAGATE;

  self->focus_weekday = (guint) weekday;
  self->focus_hour = (guint) hour;
  self->focus_moved = TRUE;
  self->browsing = TRUE;
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return GDK_EVENT_STOP;
}

static void
on_focus_leave (HdHeatMap *self)
{
  self->browsing = FALSE;
  update_accessible (self);
}

/* A click puts the keys on the clicked hour. */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            HdHeatMap       *self)
{
  guint weekday, hour;

  if (!cell_at (self, x, y, &weekday, &hour))
    return;

  self->focus_weekday = weekday;
  self->focus_hour = hour;
  self->focus_moved = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hd_heat_map_state_flags_changed (GtkWidget     *widget,
                                 GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (hd_heat_map_parent_class)->state_flags_changed (widget, previous);

  /* The ring comes and goes with focus-visible. */
  gtk_widget_queue_draw (widget);
}

static gboolean
on_query_tooltip (HdHeatMap  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = keyboard ? hd_heat_map_dup_focus_text (self)
                                   : hd_heat_map_text_at (self, x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hd_heat_map_class_init (HdHeatMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = hd_heat_map_snapshot;
  widget_class->measure = hd_heat_map_measure;
  widget_class->get_request_mode = hd_heat_map_get_request_mode;
  widget_class->state_flags_changed = hd_heat_map_state_flags_changed;

  gtk_widget_class_set_css_name (widget_class, "hd-heat-map");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hd_heat_map_init (HdHeatMap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover_weekday = -1;
  self->focus_hour = 9;

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  update_accessible (self);
}

GtkWidget *
hd_heat_map_new (void)
{
  return g_object_new (HD_TYPE_HEAT_MAP, NULL);
}
