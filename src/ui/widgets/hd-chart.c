/* hd-chart.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hd-chart.h"
#include "hd-chart-private.h"
#include "hd-format.h"

#define SECONDS_PER_DAY 86400
#define MAX_Y_TICKS     5
#define PADDING         8.0
#define TICK_SPACING    8.0
#define SWATCH_SIZE     10.0
#define BAR_FILL        0.7
#define MAX_BAR_GROUP   48.0
#define POINT_RADIUS    3.0

G_DEFINE_ENUM_TYPE (HdChartKind, hd_chart_kind,
  G_DEFINE_ENUM_VALUE (HD_CHART_LINE, "line"),
  G_DEFINE_ENUM_VALUE (HD_CHART_BARS, "bars"))

typedef struct
{
  gint64 day;
  double value;
} Point;

typedef struct
{
  char   *name;
  GArray *points;
} Series;

/* Where everything goes at the current size, worked out again for each use since the data
 * and the size change independently. */
typedef struct
{
  graphene_rect_t plot;
  double          legend_height;
  gint64          first_day;
  guint           n_slots;
  double          low;
  double          step;
  guint           n_ticks;
} ChartLayout;

struct _HdChart
{
  GtkWidget          parent_instance;

  /* owned references */
  GPtrArray         *series;
  char              *title;
  char              *empty_text;
  char              *reference_label;
  GTimeZone         *zone;
  HdChartFormatFunc  format;
  gpointer           format_data;
  GDestroyNotify     format_destroy;

  HdChartKind        kind;
  gboolean           has_reference;
  double             reference;

  /* the point the pointer or the arrow keys picked, or hover_series = -1 */
  int                hover_series;
  guint              hover_index;
};

G_DEFINE_FINAL_TYPE (HdChart, hd_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_EMPTY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GNOME palette colours, a mid tone for light backgrounds and a lighter one for dark, so each
 * series keeps its hue and enough contrast in both. */
static const char *light_palette[] = {
  "#1c71d8", "#e66100", "#26a269", "#9141ac", "#c01c28", "#865e3c",
};
static const char *dark_palette[] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f66151", "#cdab8f",
};

/* g_set_str() arrived after GLib 2.74. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->points);
  g_free (series);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *pa = a;
  const Point *pb = b;

  return (pa->day > pb->day) - (pa->day < pb->day);
}

static Series *
get_series (HdChart *self,
            guint    index)
{
  return g_ptr_array_index (self->series, index);
}

static const Point *
get_point (HdChart *self,
           guint    series,
           guint    index)
{
  return &g_array_index (get_series (self, series)->points, Point, index);
}

static gboolean
has_points (HdChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    if (get_series (self, s)->points->len > 0)
      return TRUE;

  return FALSE;
}

static void
get_day_range (HdChart *self,
               gint64  *first,
               gint64  *last)
{
  *first = G_MAXINT64;
  *last = G_MININT64;

  for (guint s = 0; s < self->series->len; s++)
    {
      GArray *points = get_series (self, s)->points;

      if (points->len == 0)
        continue;
      *first = MIN (*first, g_array_index (points, Point, 0).day);
      *last = MAX (*last, g_array_index (points, Point, points->len - 1).day);
    }
}

/* Days are midnights in the account's zone, so a day next to a change of clocks is 23 or 25
 * hours long; rounding keeps each on its own slot. */
static guint
slot_of_day (gint64 first_day,
             gint64 day)
{
  return (guint) llround ((double) (day - first_day) / SECONDS_PER_DAY);
}

static char *
format_value (HdChart *self,
              double   value)
{
  if (self->format != NULL)
    return self->format (value, self->format_data);

  if (value == floor (value) && fabs (value) < 1e15)
    return hd_format_count ((gint64) value);

  return g_strdup_printf ("%'.2f", value);
}

static char *
format_day (HdChart    *self,
            gint64      day,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);

  return g_date_time_format (local, format);
}

static char *
describe_range (HdChart *self,
                gint64   first,
                gint64   last)
{
  g_autoptr(GDateTime) utc_first = g_date_time_new_from_unix_utc (first);
  g_autoptr(GDateTime) utc_last = g_date_time_new_from_unix_utc (last);
  g_autoptr(GDateTime) from = g_date_time_to_timezone (utc_first, self->zone);
  g_autoptr(GDateTime) to = g_date_time_to_timezone (utc_last, self->zone);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  /* TRANSLATORS: a day of the year, such as "5 March"; see g_date_time_format() */
  end = g_date_time_format (to, _("%-d %B"));

  if (g_date_time_get_year (from) != g_date_time_get_year (to))
    {
      g_free (end);
      /* TRANSLATORS: a day with its year, such as "5 March 2026"; see g_date_time_format() */
      start = g_date_time_format (from, _("%-d %B %Y"));
      end = g_date_time_format (to, _("%-d %B %Y"));
    }
  else if (g_date_time_get_month (from) != g_date_time_get_month (to))
    start = g_date_time_format (from, _("%-d %B"));
  else if (g_date_time_get_day_of_month (from) != g_date_time_get_day_of_month (to))
    {
      /* TRANSLATORS: the first day of a range within one month, such as "1" in "1–14 March" */
      start = g_date_time_format (from, _("%-d"));
      /* TRANSLATORS: a range of days within one month, such as "1–14 March" */
      return g_strdup_printf (_("%s–%s"), start, end);
    }
  else
    return g_steal_pointer (&end);

  /* TRANSLATORS: a range of days across months, such as "28 February – 14 March" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static char *
describe_peak (HdChart *self,
               guint    series_index)
{
  GArray *points = get_series (self, series_index)->points;
  const Point *peak = &g_array_index (points, Point, 0);
  g_autofree char *value = NULL;
  g_autofree char *day = NULL;

  for (guint i = 1; i < points->len; i++)
    if (g_array_index (points, Point, i).value > peak->value)
      peak = &g_array_index (points, Point, i);

  value = format_value (self, peak->value);
  day = format_day (self, peak->day, _("%-d %B"));

  /* TRANSLATORS: the highest value of a series and its day, such as "highest £24.10 on
   * 5 March" */
  return g_strdup_printf (_("highest %s on %s"), value, day);
}

/**
 * hd_chart_describe:
 *
 * The chart in one sentence, for the accessible description: "Spend per day, 1–14 March:
 * highest £24.10 on 5 March".
 *
 * Returns: (transfer full): the summary, or the empty text when there is nothing to show
 */
char *
hd_chart_describe (HdChart *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *range = NULL;
  gint64 first;
  gint64 last;
  guint described = 0;

  g_return_val_if_fail (HD_IS_CHART (self), NULL);

  if (!has_points (self))
    return g_strdup (self->empty_text);

  get_day_range (self, &first, &last);
  range = describe_range (self, first, last);
  if (self->title != NULL && *self->title != '\0')
    /* TRANSLATORS: a chart's title and the days it covers, such as "Spend per day, 1–14 March" */
    g_string_printf (out, _("%s, %s"), self->title, range);
  else
    g_string_assign (out, range);
  g_string_append (out, _(": "));

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = get_series (self, s);
      g_autofree char *peak = NULL;

      if (series->points->len == 0)
        continue;

      peak = describe_peak (self, s);
      if (described++ > 0)
        g_string_append (out, _("; "));
      if (self->series->len > 1 && series->name != NULL)
        /* TRANSLATORS: a series and its highest value, such as "Clicks highest 87 on 6 March" */
        g_string_append_printf (out, _("%s %s"), series->name, peak);
      else
        g_string_append (out, peak);
    }

  if (self->has_reference)
    {
      g_autofree char *value = format_value (self, self->reference);

      g_string_append (out, _("; "));
      if (self->reference_label != NULL)
        /* TRANSLATORS: a reference line and its value, such as "Budget £20.00" */
        g_string_append_printf (out, _("%s %s"), self->reference_label, value);
      else
        g_string_append (out, value);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
update_accessible (HdChart *self)
{
  g_autofree char *summary = hd_chart_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
data_changed (HdChart *self)
{
  self->hover_series = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Axis ticks at 1, 2 or 5 times a power of ten, so the labels read as round numbers. Money
 * in minor units and counts take whole steps: a tick at 0.5 clicks means nothing. */
void
_hd_chart_nice_ticks (double    low,
                      double    high,
                      guint     max_ticks,
                      gboolean  whole_steps,
                      double   *first,
                      double   *step,
                      guint    *n_ticks)
{
  double rough;
  double magnitude;
  double residual;
  double nice;
  double last;

  g_return_if_fail (max_ticks >= 2);

  if (!(high > low))
    high = low + 1;

  rough = (high - low) / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (rough)));
  residual = rough / magnitude;

  if (residual <= 1)
    nice = 1;
  else if (residual <= 2)
    nice = 2;
  else if (residual <= 5)
    nice = 5;
  else
    nice = 10;

  *step = nice * magnitude;
  if (whole_steps && *step < 1)
    *step = 1;

  *first = floor (low / *step + 1e-9) * *step;
  last = ceil (high / *step - 1e-9) * *step;
  *n_ticks = (guint) llround ((last - *first) / *step) + 1;
}

static gboolean
values_are_whole (HdChart *self)
{
  if (self->has_reference && self->reference != floor (self->reference))
    return FALSE;

  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < get_series (self, s)->points->len; i++)
      {
        double value = get_point (self, s, i)->value;

        if (value != floor (value))
          return FALSE;
      }

  return TRUE;
}

static PangoLayout *
create_layout (HdChart    *self,
               const char *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

static double
text_height (HdChart *self)
{
  g_autoptr(PangoLayout) layout = create_layout (self, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static double
tick_value (const ChartLayout *layout,
            guint              tick)
{
  return layout->low + layout->step * tick;
}

static double
axis_top (const ChartLayout *layout)
{
  return tick_value (layout, layout->n_ticks - 1);
}

static void
compute_layout (HdChart     *self,
                ChartLayout *layout)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double line = text_height (self);
  double low = 0;
  double high = 0;
  double widest = 0;
  gint64 last_day;

  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < get_series (self, s)->points->len; i++)
      {
        low = MIN (low, get_point (self, s, i)->value);
        high = MAX (high, get_point (self, s, i)->value);
      }
  if (self->has_reference)
    {
      low = MIN (low, self->reference);
      high = MAX (high, self->reference);
    }

  _hd_chart_nice_ticks (low, high, MAX_Y_TICKS, values_are_whole (self), &layout->low,
                        &layout->step, &layout->n_ticks);

  for (guint t = 0; t < layout->n_ticks; t++)
    {
      g_autofree char *text = format_value (self, tick_value (layout, t));
      g_autoptr(PangoLayout) label = create_layout (self, text);
      int label_width;

      pango_layout_get_pixel_size (label, &label_width, NULL);
      widest = MAX (widest, label_width);
    }

  layout->legend_height = self->series->len > 1 ? line + PADDING : 0;

  /* Half a line above the top tick, so its label is not cut. */
  graphene_rect_init (&layout->plot,
                      widest + TICK_SPACING,
                      layout->legend_height + line / 2 + 2,
                      0, 0);
  layout->plot.size.width = MAX (width - layout->plot.origin.x - PADDING, 1);
  layout->plot.size.height = MAX (height - layout->plot.origin.y - line - TICK_SPACING, 1);

  get_day_range (self, &layout->first_day, &last_day);
  layout->n_slots = has_points (self) ? slot_of_day (layout->first_day, last_day) + 1 : 1;
}

static double
slot_width (const ChartLayout *layout)
{
  return layout->plot.size.width / layout->n_slots;
}

static double
x_of_slot (const ChartLayout *layout,
           guint              slot)
{
  return layout->plot.origin.x + (slot + 0.5) * slot_width (layout);
}

static double
y_of_value (const ChartLayout *layout,
            double             value)
{
  double span = axis_top (layout) - layout->low;

  return layout->plot.origin.y + layout->plot.size.height * (1 - (value - layout->low) / span);
}

static double
bar_group_width (const ChartLayout *layout)
{
  return MIN (slot_width (layout) * BAR_FILL, MAX_BAR_GROUP);
}

/* A bar's rectangle, with the baseline at zero so negative values hang below it. */
static void
get_bar_rect (HdChart           *self,
              const ChartLayout *layout,
              guint              series,
              guint              index,
              graphene_rect_t   *rect)
{
  const Point *point = get_point (self, series, index);
  double group = bar_group_width (layout);
  double bar = group / self->series->len;
  double x = x_of_slot (layout, slot_of_day (layout->first_day, point->day)) - group / 2 +
             series * bar;
  double zero = y_of_value (layout, 0);
  double y = y_of_value (layout, point->value);

  graphene_rect_init (rect, x, MIN (y, zero), MAX (bar - 1, 1), fabs (zero - y));
}

static void
point_position (HdChart           *self,
                const ChartLayout *layout,
                guint              series,
                guint              index,
                graphene_point_t  *position)
{
  const Point *point = get_point (self, series, index);

  if (self->kind == HD_CHART_BARS)
    {
      graphene_rect_t rect;

      get_bar_rect (self, layout, series, index, &rect);
      position->x = rect.origin.x + rect.size.width / 2;
      position->y = y_of_value (layout, point->value);
    }
  else
    {
      position->x = x_of_slot (layout, slot_of_day (layout->first_day, point->day));
      position->y = y_of_value (layout, point->value);
    }
}

gboolean
_hd_chart_point_position (HdChart          *self,
                          guint             series,
                          guint             index,
                          graphene_point_t *position)
{
  ChartLayout layout;

  g_return_val_if_fail (HD_IS_CHART (self), FALSE);

  if (series >= self->series->len || index >= get_series (self, series)->points->len)
    return FALSE;

  compute_layout (self, &layout);
  point_position (self, &layout, series, index, position);
  return TRUE;
}

/* The point nearest across, then nearest up or down among points on the same day, so the
 * pointer anywhere above a day picks it. */
gboolean
_hd_chart_nearest_point (HdChart *self,
                         double   x,
                         double   y,
                         guint   *series,
                         guint   *index)
{
  ChartLayout layout;
  double best_dx = G_MAXDOUBLE;
  double best_dy = G_MAXDOUBLE;
  gboolean found = FALSE;

  g_return_val_if_fail (HD_IS_CHART (self), FALSE);

  if (!has_points (self))
    return FALSE;

  compute_layout (self, &layout);
  if (x < layout.plot.origin.x || x > layout.plot.origin.x + layout.plot.size.width)
    return FALSE;

  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < get_series (self, s)->points->len; i++)
      {
        graphene_point_t position;
        double dx;
        double dy;

        point_position (self, &layout, s, i, &position);
        dx = fabs (position.x - x);
        dy = fabs (position.y - y);
        if (dx < best_dx - 0.5 || (dx < best_dx + 0.5 && dy < best_dy))
          {
            best_dx = dx;
            best_dy = dy;
            *series = s;
            *index = i;
            found = TRUE;
          }
      }

  return found;
}

static void
set_hover (HdChart *self,
           int      series,
           guint    index)
{
  if (self->hover_series == series && (series < 0 || self->hover_index == index))
    return;

  self->hover_series = series;
  self->hover_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_hd_chart_hover (HdChart *self,
                 double   x,
                 double   y)
{
  guint series;
  guint index;

  g_return_if_fail (HD_IS_CHART (self));

  if (_hd_chart_nearest_point (self, x, y, &series, &index))
    set_hover (self, (int) series, index);
  else
    set_hover (self, -1, 0);
}

/* Pango markup: the value first, as the answer, then what and when. */
char *
_hd_chart_hover_text (HdChart *self)
{
  const Point *point;
  const char *name;
  g_autofree char *value = NULL;
  g_autofree char *day = NULL;
  g_autofree char *caption = NULL;

  g_return_val_if_fail (HD_IS_CHART (self), NULL);

  if (self->hover_series < 0)
    return NULL;

  point = get_point (self, (guint) self->hover_series, self->hover_index);
  name = get_series (self, (guint) self->hover_series)->name;
  value = format_value (self, point->value);
  /* TRANSLATORS: a short day, such as "5 Mar"; see g_date_time_format() */
  day = format_day (self, point->day, _("%-d %b"));

  if (name != NULL && *name != '\0')
    /* TRANSLATORS: a series and a day under a chart's value, such as "Spend · 5 Mar" */
    caption = g_strdup_printf (_("%s · %s"), name, day);
  else
    caption = g_steal_pointer (&day);

  return g_markup_printf_escaped ("<b>%s</b>\n%s", value, caption);
}

/* Event handlers. */

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           HdChart                  *self)
{
  _hd_chart_hover (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion,
          HdChart                  *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_hover (self, -1, 0);
}

/* Left and Right walk through the first series' points, so the values can be read without a
 * pointer. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HdChart               *self)
{
  guint series = self->hover_series >= 0 ? (guint) self->hover_series : 0;
  guint n_points;
  int index;

  if (!has_points (self))
    return GDK_EVENT_PROPAGATE;

  while (get_series (self, series)->points->len == 0)
    series++;
  n_points = get_series (self, series)->points->len;
  index = self->hover_series >= 0 ? (int) self->hover_index : -1;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      index = index < 0 ? (int) n_points - 1 : index - 1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      index++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      index = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      index = (int) n_points - 1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (index < 0 || index >= (int) n_points)
    return GDK_EVENT_PROPAGATE;

  set_hover (self, (int) series, (guint) index);
  return GDK_EVENT_STOP;
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
series_color (HdChart *self,
              guint    series,
              GdkRGBA *color)
{
  GdkRGBA fg;
  gboolean dark;

  /* Light text means a dark style, whatever set it. */
  foreground_color (GTK_WIDGET (self), &fg);
  dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;

  gdk_rgba_parse (color, (dark ? dark_palette : light_palette)[series %
                                                                 G_N_ELEMENTS (light_palette)]);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA faded = *color;

  faded.alpha *= alpha;
  return faded;
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
snapshot_empty (HdChart       *self,
                GtkSnapshot   *snapshot,
                const GdkRGBA *fg)
{
  g_autoptr(PangoLayout) layout = create_layout (self, self->empty_text);
  GdkRGBA dim = with_alpha (fg, 0.55f);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int text_width;
  int text_height;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  append_layout_at (snapshot, layout, 0, (height - text_height) / 2.0, &dim);
}

static void
snapshot_y_axis (HdChart           *self,
                 GtkSnapshot       *snapshot,
                 const ChartLayout *layout,
                 const GdkRGBA     *fg)
{
  GdkRGBA dim = with_alpha (fg, 0.6f);
  GdkRGBA grid = with_alpha (fg, 0.1f);

  for (guint t = 0; t < layout->n_ticks; t++)
    {
      double value = tick_value (layout, t);
      double y = y_of_value (layout, value);
      g_autofree char *text = format_value (self, value);
      g_autoptr(PangoLayout) label = create_layout (self, text);
      int width;
      int height;

      pango_layout_get_pixel_size (label, &width, &height);
      append_layout_at (snapshot, label, layout->plot.origin.x - TICK_SPACING - width,
                        y - height / 2.0, &dim);
      gtk_snapshot_append_color (snapshot, value == 0 ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (layout->plot.origin.x, round (y) - 0.5,
                                                      layout->plot.size.width, 1));
    }
}

static void
snapshot_x_axis (HdChart           *self,
                 GtkSnapshot       *snapshot,
                 const ChartLayout *layout,
                 const GdkRGBA     *fg)
{
  GdkRGBA dim = with_alpha (fg, 0.6f);
  double widest = 0;
  double right_edge = gtk_widget_get_width (GTK_WIDGET (self));
  guint stride;

  /* Every day when the labels fit, otherwise every second, third… */
  for (guint slot = 0; slot < layout->n_slots; slot++)
    {
      g_autofree char *text = format_day (self, layout->first_day + slot * SECONDS_PER_DAY,
                                          _("%-d %b"));
      g_autoptr(PangoLayout) label = create_layout (self, text);
      int width;

      pango_layout_get_pixel_size (label, &width, NULL);
      widest = MAX (widest, width);
    }
  stride = MAX (1, (guint) ceil ((widest + TICK_SPACING) / slot_width (layout)));

  for (guint slot = 0; slot < layout->n_slots; slot += stride)
    {
      /* Noon, so a day with a change of clocks still names the right date. */
      g_autofree char *text = format_day (self, layout->first_day + slot * SECONDS_PER_DAY +
                                          SECONDS_PER_DAY / 2, _("%-d %b"));
      g_autoptr(PangoLayout) label = create_layout (self, text);
      int width;
      double x;

      pango_layout_get_pixel_size (label, &width, NULL);
      x = CLAMP (x_of_slot (layout, slot) - width / 2.0, 0, right_edge - width);
      append_layout_at (snapshot, label, x,
                        layout->plot.origin.y + layout->plot.size.height + TICK_SPACING / 2,
                        &dim);
    }
}

static void
snapshot_legend (HdChart           *self,
                 GtkSnapshot       *snapshot,
                 const ChartLayout *layout,
                 const GdkRGBA     *fg)
{
  double x = layout->plot.origin.x;
  double line = text_height (self);

  if (self->series->len < 2)
    return;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = get_series (self, s);
      g_autoptr(PangoLayout) label = create_layout (self, series->name != NULL ? series->name
                                                                                : "");
      GdkRGBA color;
      GskRoundedRect swatch;
      int width;

      series_color (self, s, &color);
      gsk_rounded_rect_init_from_rect (&swatch,
                                       &GRAPHENE_RECT_INIT (x, (line - SWATCH_SIZE) / 2,
                                                            SWATCH_SIZE, SWATCH_SIZE),
                                       2);
      gtk_snapshot_push_rounded_clip (snapshot, &swatch);
      gtk_snapshot_append_color (snapshot, &color, &swatch.bounds);
      gtk_snapshot_pop (snapshot);

      pango_layout_get_pixel_size (label, &width, NULL);
      append_layout_at (snapshot, label, x + SWATCH_SIZE + 4, 0, fg);
      x += SWATCH_SIZE + 4 + width + 2 * PADDING;
    }
}

static void
draw_lines (HdChart           *self,
            cairo_t           *cr,
            const ChartLayout *layout)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      GArray *points = get_series (self, s)->points;
      gboolean show_points = slot_width (layout) >= 4 * POINT_RADIUS || points->len == 1;
      GdkRGBA color;

      if (points->len == 0)
        continue;

      series_color (self, s, &color);

      /* One series gets a faint area under its line; several would muddy each other. */
      if (self->series->len == 1 && points->len > 1)
        {
          graphene_point_t first;
          graphene_point_t last;
          double zero = y_of_value (layout, MAX (layout->low, 0));

          for (guint i = 0; i < points->len; i++)
            {
              graphene_point_t p;

              point_position (self, layout, s, i, &p);
              cairo_line_to (cr, p.x, p.y);
            }
          point_position (self, layout, s, 0, &first);
          point_position (self, layout, s, points->len - 1, &last);
          cairo_line_to (cr, last.x, zero);
          cairo_line_to (cr, first.x, zero);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.12);
          cairo_fill (cr);
        }

      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint i = 0; i < points->len; i++)
        {
          graphene_point_t p;

          point_position (self, layout, s, i, &p);
          cairo_line_to (cr, p.x, p.y);
        }
      cairo_stroke (cr);

      if (!show_points)
        continue;
      for (guint i = 0; i < points->len; i++)
        {
          graphene_point_t p;

          point_position (self, layout, s, i, &p);
          cairo_arc (cr, p.x, p.y, POINT_RADIUS, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
draw_bars (HdChart           *self,
           cairo_t           *cr,
           const ChartLayout *layout)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      GArray *points = get_series (self, s)->points;
      GdkRGBA color;

      series_color (self, s, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      for (guint i = 0; i < points->len; i++)
        {
          graphene_rect_t rect;

          get_bar_rect (self, layout, s, i, &rect);
          cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
        }
      cairo_fill (cr);
    }
}

static void
snapshot_reference (HdChart           *self,
                    GtkSnapshot       *snapshot,
                    cairo_t           *cr,
                    const ChartLayout *layout,
                    const GdkRGBA     *fg)
{
  static const double dashes[] = { 6, 4 };
  GdkRGBA dim = with_alpha (fg, 0.7f);
  double y = round (y_of_value (layout, self->reference)) + 0.5;
  g_autofree char *value = format_value (self, self->reference);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) label = NULL;
  int width;
  int height;
  double label_y;

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, layout->plot.origin.x, y);
  cairo_line_to (cr, layout->plot.origin.x + layout->plot.size.width, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  text = self->reference_label != NULL ? g_strdup_printf (_("%s %s"), self->reference_label,
                                                          value)
                                       : g_steal_pointer (&value);
  label = create_layout (self, text);
  pango_layout_get_pixel_size (label, &width, &height);

  /* Above the line, unless that would leave the widget. */
  label_y = y - height - 2 >= 0 ? y - height - 2 : y + 2;
  append_layout_at (snapshot, label,
                    layout->plot.origin.x + layout->plot.size.width - width, label_y, &dim);
}

static void
snapshot_hover (HdChart           *self,
                GtkSnapshot       *snapshot,
                const ChartLayout *layout,
                const GdkRGBA     *fg)
{
  g_autofree char *markup = _hd_chart_hover_text (self);
  g_autoptr(PangoLayout) label = NULL;
  graphene_point_t p;
  graphene_rect_t box;
  GskRoundedRect rounded;
  GdkRGBA background;
  GdkRGBA color;
  GdkRGBA guide = with_alpha (fg, 0.25f);
  GdkRGBA border = with_alpha (fg, 0.15f);
  const float border_widths[4] = { 1, 1, 1, 1 };
  GdkRGBA border_colors[4];
  int width;
  int height;
  double widget_width = gtk_widget_get_width (GTK_WIDGET (self));

  if (markup == NULL)
    return;

  point_position (self, layout, (guint) self->hover_series, self->hover_index, &p);
  series_color (self, (guint) self->hover_series, &color);
  lookup_color (GTK_WIDGET (self), "popover_bg_color", "#ffffff", &background);

  gtk_snapshot_append_color (snapshot, &guide,
                             &GRAPHENE_RECT_INIT (round (p.x) - 0.5, layout->plot.origin.y, 1,
                                                  layout->plot.size.height));
  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (p.x - POINT_RADIUS - 1.5,
                                                        p.y - POINT_RADIUS - 1.5,
                                                        2 * POINT_RADIUS + 3,
                                                        2 * POINT_RADIUS + 3),
                                   POINT_RADIUS + 1.5);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &background, &rounded.bounds);
  gtk_snapshot_pop (snapshot);
  gsk_rounded_rect_shrink (&rounded, 1.5, 1.5, 1.5, 1.5);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &color, &rounded.bounds);
  gtk_snapshot_pop (snapshot);

  label = create_layout (self, NULL);
  pango_layout_set_markup (label, markup, -1);
  pango_layout_get_pixel_size (label, &width, &height);

  /* A callout beside the point, flipped to the other side near the right edge and kept
   * inside the widget so it is never cut. */
  graphene_rect_init (&box, p.x + PADDING, p.y - height - PADDING * 2, width + 2 * PADDING,
                      height + PADDING);
  if (box.origin.x + box.size.width > widget_width)
    box.origin.x = p.x - PADDING - box.size.width;
  box.origin.x = CLAMP (box.origin.x, 0, MAX (widget_width - box.size.width, 0));
  box.origin.y = MAX (box.origin.y, 0);

  for (guint i = 0; i < 4; i++)
    border_colors[i] = border;
  gsk_rounded_rect_init_from_rect (&rounded, &box, 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &background, &box);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rounded, border_widths, border_colors);
  append_layout_at (snapshot, label, box.origin.x + PADDING, box.origin.y + PADDING / 2, fg);
}

static void
hd_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  HdChart *self = HD_CHART (widget);
  ChartLayout layout;
  GdkRGBA fg;
  cairo_t *cr;

  foreground_color (widget, &fg);

  if (!has_points (self))
    {
      snapshot_empty (self, snapshot, &fg);
      return;
    }

  compute_layout (self, &layout);
  snapshot_legend (self, snapshot, &layout, &fg);
  snapshot_y_axis (self, snapshot, &layout, &fg);
  snapshot_x_axis (self, snapshot, &layout, &fg);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  if (self->kind == HD_CHART_BARS)
    draw_bars (self, cr, &layout);
  else
    draw_lines (self, cr, &layout);
  if (self->has_reference)
    snapshot_reference (self, snapshot, cr, &layout, &fg);
  cairo_destroy (cr);

  snapshot_hover (self, snapshot, &layout, &fg);
}

static void
hd_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 220;
    }
}

static void
hd_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (hd_chart_parent_class)->css_changed (widget, change);

  /* The palette follows the style, which the CSS machinery does not know we read. */
  gtk_widget_queue_draw (widget);
}

static void
hd_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HdChart *self = HD_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HdChart *self = HD_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      hd_chart_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      hd_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      hd_chart_set_empty_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clear_formatter (HdChart *self)
{
  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  self->format = NULL;
  self->format_data = NULL;
  self->format_destroy = NULL;
}

static void
hd_chart_finalize (GObject *object)
{
  HdChart *self = HD_CHART (object);

  clear_formatter (self);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->reference_label, g_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (hd_chart_parent_class)->finalize (object);
}

static void
hd_chart_class_init (HdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_chart_get_property;
  object_class->set_property = hd_chart_set_property;
  object_class->finalize = hd_chart_finalize;

  widget_class->snapshot = hd_chart_snapshot;
  widget_class->measure = hd_chart_measure;
  widget_class->css_changed = hd_chart_css_changed;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, HD_TYPE_CHART_KIND, HD_CHART_LINE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * HdChart:title:
   *
   * What the chart shows, such as "Spend per day": its accessible name and the start of its
   * description.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "hd-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hd_chart_init (HdChart *self)
{
  GtkEventController *motion;
  GtkEventController *keys;

  self->series = g_ptr_array_new_with_free_func (series_free);
  self->empty_text = g_strdup (_("No results yet"));
  self->zone = g_time_zone_new_local ();
  self->hover_series = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  update_accessible (self);
}

GtkWidget *
hd_chart_new (void)
{
  return g_object_new (HD_TYPE_CHART, NULL);
}

HdChartKind
hd_chart_get_kind (HdChart *self)
{
  g_return_val_if_fail (HD_IS_CHART (self), HD_CHART_LINE);

  return self->kind;
}

void
hd_chart_set_kind (HdChart     *self,
                   HdChartKind  kind)
{
  g_return_if_fail (HD_IS_CHART (self));
  g_return_if_fail (kind == HD_CHART_LINE || kind == HD_CHART_BARS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
hd_chart_get_title (HdChart *self)
{
  g_return_val_if_fail (HD_IS_CHART (self), NULL);

  return self->title;
}

void
hd_chart_set_title (HdChart    *self,
                    const char *title)
{
  g_return_if_fail (HD_IS_CHART (self));

  if (!replace_string (&self->title, title))
    return;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
hd_chart_get_empty_text (HdChart *self)
{
  g_return_val_if_fail (HD_IS_CHART (self), NULL);

  return self->empty_text;
}

/**
 * hd_chart_set_empty_text:
 * @empty_text: (nullable): what to say when there are no points; %NULL restores
 *   "No results yet"
 */
void
hd_chart_set_empty_text (HdChart    *self,
                         const char *empty_text)
{
  g_return_if_fail (HD_IS_CHART (self));

  if (!replace_string (&self->empty_text, empty_text != NULL ? empty_text : _("No results yet")))
    return;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_TEXT]);
}

/**
 * hd_chart_set_time_zone:
 * @zone: (nullable): the zone whose midnights the days are, such as the ad account's;
 *   %NULL for the local zone
 */
void
hd_chart_set_time_zone (HdChart   *self,
                        GTimeZone *zone)
{
  g_return_if_fail (HD_IS_CHART (self));

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? g_time_zone_ref (zone) : g_time_zone_new_local ();
  data_changed (self);
}

/**
 * hd_chart_set_formatter:
 * @format: (nullable): writes a value; %NULL writes counts with grouped thousands
 *
 * Used for the axis, the hover label and the description.
 */
void
hd_chart_set_formatter (HdChart           *self,
                        HdChartFormatFunc  format,
                        gpointer           user_data,
                        GDestroyNotify     destroy)
{
  g_return_if_fail (HD_IS_CHART (self));

  clear_formatter (self);
  self->format = format;
  self->format_data = user_data;
  self->format_destroy = destroy;
  data_changed (self);
}

static char *
format_money (double   value,
              gpointer user_data)
{
  return hd_format_money ((gint64) llround (value), user_data);
}

/**
 * hd_chart_set_money:
 * @currency: an ISO 4217 code
 *
 * Reads the values as minor units of @currency, as Herald stores money.
 */
void
hd_chart_set_money (HdChart    *self,
                    const char *currency)
{
  g_return_if_fail (HD_IS_CHART (self));
  g_return_if_fail (currency != NULL);

  hd_chart_set_formatter (self, format_money, g_strdup (currency), g_free);
}

/**
 * hd_chart_add_series:
 * @name: (nullable): what the series counts, such as "Clicks"
 * @days: (array length=n_points): midnights, in Unix seconds, in any order
 * @values: (array length=n_points): the value of each day
 *
 * Returns: the series' number, which also picks its colour
 */
guint
hd_chart_add_series (HdChart      *self,
                     const char   *name,
                     const gint64 *days,
                     const double *values,
                     guint         n_points)
{
  Series *series;

  g_return_val_if_fail (HD_IS_CHART (self), 0);
  g_return_val_if_fail (n_points == 0 || (days != NULL && values != NULL), 0);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->points = g_array_sized_new (FALSE, FALSE, sizeof (Point), n_points);
  for (guint i = 0; i < n_points; i++)
    {
      Point point = { days[i], values[i] };

      g_array_append_val (series->points, point);
    }
  g_array_sort (series->points, compare_points);
  g_ptr_array_add (self->series, series);

  data_changed (self);
  return self->series->len - 1;
}

guint
hd_chart_get_n_series (HdChart *self)
{
  g_return_val_if_fail (HD_IS_CHART (self), 0);

  return self->series->len;
}

/* Removes every series; the reference line, title and formatter stay. */
void
hd_chart_clear (HdChart *self)
{
  g_return_if_fail (HD_IS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  data_changed (self);
}

/**
 * hd_chart_set_reference:
 * @label: (nullable): what the line stands for, such as "Budget"
 * @value: where it is drawn, in the same units as the series
 */
void
hd_chart_set_reference (HdChart    *self,
                        const char *label,
                        double      value)
{
  g_return_if_fail (HD_IS_CHART (self));

  replace_string (&self->reference_label, label);
  self->has_reference = TRUE;
  self->reference = value;
  data_changed (self);
}

void
hd_chart_unset_reference (HdChart *self)
{
  g_return_if_fail (HD_IS_CHART (self));

  if (!self->has_reference)
    return;

  self->has_reference = FALSE;
  g_clear_pointer (&self->reference_label, g_free);
  data_changed (self);
}
