/* hd-report-pdf.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-reports"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "hd-store-metrics.h"
#include "reports/hd-report-pdf.h"
#include "reports/hd-report-text.h"
#include "widgets/hd-format.h"

/* A4 in points. */
#define PAGE_WIDTH     595.28
#define PAGE_HEIGHT    841.89
#define MARGIN         48.0
#define CONTENT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)
#define CHART_HEIGHT   170.0
#define SECTION_GAP    22.0
#define MAX_TOP_POSTS  12
#define MAX_Y_TICKS    5

/* The chart colours of the light style, as on the Reports page: paper is white. */
static const double palette[][3] = {
  { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
  { 0xe6 / 255., 0x61 / 255., 0x00 / 255. },
  { 0x26 / 255., 0xa2 / 255., 0x69 / 255. },
  { 0x91 / 255., 0x41 / 255., 0xac / 255. },
  { 0xc0 / 255., 0x1c / 255., 0x28 / 255. },
  { 0x86 / 255., 0x5e / 255., 0x3c / 255. },
};

typedef struct
{
  cairo_t  *cr;
  HdReport *report;
  double    y;
} Pdf;

typedef enum
{
  SERIES_ENGAGEMENT,
  SERIES_FOLLOWERS,
} SeriesKind;

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

/* Lays @text out at (@x, @y) within @width and returns its height. */
static double
draw_text (Pdf        *pdf,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width,
           gboolean    one_line)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int text_width, text_height;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (one_line)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  else
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
  pango_layout_get_size (layout, &text_width, &text_height);

  return (double) text_height / PANGO_SCALE;
}

/* Same, aligned to the right edge at @right. */
static void
draw_text_right (Pdf        *pdf,
                 const char *text,
                 const char *font,
                 double      right,
                 double      y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int text_width, text_height;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &text_width, &text_height);
  cairo_move_to (pdf->cr, right - (double) text_width / PANGO_SCALE, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

/* Starts a new page when less than @height is left on this one. */
static void
make_room (Pdf    *pdf,
           double  height)
{
  if (pdf->y + height <= PAGE_HEIGHT - MARGIN)
    return;

  cairo_show_page (pdf->cr);
  pdf->y = MARGIN;
}

static void
draw_heading (Pdf        *pdf,
              const char *title,
              double      room_after)
{
  make_room (pdf, 24 + room_after);
  set_grey (pdf->cr, 0.1);
  pdf->y += draw_text (pdf, title, "Sans Bold 12", MARGIN, pdf->y, CONTENT_WIDTH, TRUE) + 6;
}

static void
draw_note (Pdf        *pdf,
           const char *text)
{
  make_room (pdf, 14);
  set_grey (pdf->cr, 0.4);
  pdf->y += draw_text (pdf, text, "Sans 9", MARGIN, pdf->y, CONTENT_WIDTH, FALSE) + 4;
}

static gint64
series_value (HdReportChannel *channel,
              SeriesKind       kind,
              guint            day)
{
  return kind == SERIES_ENGAGEMENT ? channel->engagement[day] : channel->followers[day];
}

/* Axis ticks at 1, 2 or 5 times a power of ten, whole numbers only: the figures are counts. */
static void
nice_ticks (double  low,
            double  high,
            double *first,
            double *step,
            guint  *n_ticks)
{
  double rough, magnitude, residual;

  if (!(high > low))
    high = low + 1;

  rough = (high - low) / (MAX_Y_TICKS - 1);
  magnitude = pow (10, floor (log10 (rough)));
  residual = rough / magnitude;
  *step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
  if (*step < 1)
    *step = 1;

  *first = floor (low / *step) * *step;
  *n_ticks = (guint) llround ((ceil (high / *step) * *step - *first) / *step) + 1;
}

static char *
format_day (HdReport   *report,
            guint       day,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (report->day_starts[day]);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, report->zone);

  return g_date_time_format (local, format);
}

static void
draw_legend (Pdf *pdf)
{
  double x = MARGIN;

  for (guint c = 0; c < pdf->report->channels->len; c++)
    {
      HdReportChannel *channel = g_ptr_array_index (pdf->report->channels, c);
      const double *colour = palette[c % G_N_ELEMENTS (palette)];
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (pdf->cr);
      PangoFontDescription *description = pango_font_description_from_string ("Sans 9");
      int width, height;

      pango_layout_set_font_description (layout, description);
      pango_font_description_free (description);
      pango_layout_set_text (layout, channel->name, -1);
      pango_layout_get_size (layout, &width, &height);

      if (x + 14 + (double) width / PANGO_SCALE > MARGIN + CONTENT_WIDTH && x > MARGIN)
        {
          x = MARGIN;
          pdf->y += 14;
        }

      cairo_set_source_rgb (pdf->cr, colour[0], colour[1], colour[2]);
      cairo_rectangle (pdf->cr, x, pdf->y + 3, 8, 8);
      cairo_fill (pdf->cr);
      set_grey (pdf->cr, 0.2);
      cairo_move_to (pdf->cr, x + 12, pdf->y);
      pango_cairo_show_layout (pdf->cr, layout);
      x += 12 + (double) width / PANGO_SCALE + 16;
    }

  pdf->y += 18;
}

/* One line per channel over the report's days; a day without a figure breaks the line. */
static void
draw_line_chart (Pdf        *pdf,
                 SeriesKind  kind)
{
  HdReport *report = pdf->report;
  cairo_t *cr = pdf->cr;
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE;
  double first, step, left, right, top, bottom;
  guint n_ticks;
  gboolean any = FALSE;

  for (guint c = 0; c < report->channels->len; c++)
    for (guint d = 0; d < report->n_days; d++)
      {
        gint64 value = series_value (g_ptr_array_index (report->channels, c), kind, d);

        if (kind == SERIES_FOLLOWERS && value == HD_METRIC_NOT_AVAILABLE)
          continue;
        low = MIN (low, (double) value);
        high = MAX (high, (double) value);
        any = TRUE;
      }

  if (!any)
    {
      draw_note (pdf, kind == SERIES_ENGAGEMENT
                        ? _("No posts went out in these days.")
                        : _("No follower counts were recorded in these days."));
      return;
    }

  /* Engagement starts from nothing; followers from near their lowest, or growth is a flat
   * line at the top of the chart. */
  if (kind == SERIES_ENGAGEMENT)
    low = 0;
  nice_ticks (low, high, &first, &step, &n_ticks);

  make_room (pdf, CHART_HEIGHT + 40);
  draw_legend (pdf);

  left = MARGIN + 44;
  right = MARGIN + CONTENT_WIDTH;
  top = pdf->y + 4;
  bottom = pdf->y + CHART_HEIGHT;

  cairo_set_line_width (cr, 0.5);
  for (guint t = 0; t < n_ticks; t++)
    {
      double value = first + t * step;
      double y = bottom - (value - first) / (step * (n_ticks - 1)) * (bottom - top);
      g_autofree char *label = hd_format_count ((gint64) value);

      set_grey (cr, 0.85);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      set_grey (cr, 0.4);
      draw_text_right (pdf, label, "Sans 8", left - 6, y - 6);
    }

  /* The first, middle and last days, enough to read the dates against. */
  for (guint i = 0; i < 3; i++)
    {
      guint day = i == 0 ? 0 : i == 1 ? report->n_days / 2 : report->n_days - 1;
      double x = report->n_days > 1
                   ? left + (right - left) * day / (report->n_days - 1)
                   : (left + right) / 2;
      /* TRANSLATORS: a day under a chart, such as "5 Mar"; see g_date_time_format() */
      g_autofree char *label = format_day (report, day, _("%-d %b"));

      if (i == 1 && (day == 0 || day == report->n_days - 1))
        continue;
      set_grey (cr, 0.4);
      if (i == 2 && report->n_days > 1)
        draw_text_right (pdf, label, "Sans 8", x, bottom + 4);
      else
        draw_text (pdf, label, "Sans 8", i == 0 ? x : x - 14, bottom + 4, 80, TRUE);
    }

  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint c = 0; c < report->channels->len; c++)
    {
      HdReportChannel *channel = g_ptr_array_index (report->channels, c);
      const double *colour = palette[c % G_N_ELEMENTS (palette)];
      gboolean drawing = FALSE;

      cairo_set_source_rgb (cr, colour[0], colour[1], colour[2]);
      for (guint d = 0; d < report->n_days; d++)
        {
          gint64 value = series_value (channel, kind, d);
          double x, y;

          if (value == HD_METRIC_NOT_AVAILABLE && kind == SERIES_FOLLOWERS)
            {
              drawing = FALSE;
              continue;
            }

          x = report->n_days > 1 ? left + (right - left) * d / (report->n_days - 1)
                                 : (left + right) / 2;
          y = bottom - ((double) value - first) / (step * (n_ticks - 1)) * (bottom - top);
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;

          /* A lone day would draw nothing; mark each day so single figures show. */
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, 1.5, 0, 2 * G_PI);
          cairo_move_to (cr, x, y);
        }
      cairo_stroke (cr);
    }

  pdf->y = bottom + 22;
}

static void
draw_growth_notes (Pdf *pdf)
{
  for (guint c = 0; c < pdf->report->channels->len; c++)
    {
      HdReportChannel *channel = g_ptr_array_index (pdf->report->channels, c);
      g_autofree char *growth = hd_report_text_growth (channel);
      g_autofree char *line = NULL;

      if (growth == NULL)
        continue;
      /* TRANSLATORS: a channel's follower growth, such as "Bakery toots: +25 followers" */
      line = g_strdup_printf (_("%s: %s"), channel->name, growth);
      draw_note (pdf, line);
    }
}

static const char *
channel_name (HdReport   *report,
              const char *channel_id)
{
  HdReportChannel *channel = hd_report_find_channel (report, channel_id);

  return channel != NULL ? channel->name : "";
}

static char *
format_figure (gint64 value)
{
  if (value == HD_METRIC_NOT_AVAILABLE)
    return g_strdup (hd_reports_not_available_label ());

  return hd_format_count (value);
}

static void
draw_top_posts (Pdf *pdf)
{
  HdReport *report = pdf->report;
  /* By HdReportColumn: room for each header, and for "not available" under impressions. */
  const double figure_widths[HD_REPORT_N_COLUMNS] = { 62, 44, 50, 50, 72 };
  const double text_width = CONTENT_WIDTH - 40 - 64 - 278;
  guint n = MIN (report->posts->len, MAX_TOP_POSTS);
  double x;

  if (n == 0)
    {
      draw_note (pdf, _("No posts went out in these days."));
      return;
    }

  make_room (pdf, 16 * 3);
  set_grey (pdf->cr, 0.4);
  draw_text (pdf, _("Date"), "Sans Bold 8", MARGIN, pdf->y, 38, TRUE);
  draw_text (pdf, _("Channel"), "Sans Bold 8", MARGIN + 40, pdf->y, 60, TRUE);
  draw_text (pdf, _("Post"), "Sans Bold 8", MARGIN + 104, pdf->y, text_width, TRUE);
  x = MARGIN + 104 + text_width;
  for (guint column = 0; column < HD_REPORT_N_COLUMNS; column++)
    {
      x += figure_widths[column];
      draw_text_right (pdf, hd_report_column_to_label (column), "Sans Bold 7", x - 2, pdf->y);
    }
  pdf->y += 14;

  for (guint i = 0; i < n; i++)
    {
      HdReportPost *post = g_ptr_array_index (report->posts, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (post->published_at);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, report->zone);
      /* the year is in the report's title */
      g_autofree char *date = g_date_time_format (local, _("%-d %b"));

      make_room (pdf, 16);
      if (i % 2 == 0)
        {
          set_grey (pdf->cr, 0.95);
          cairo_rectangle (pdf->cr, MARGIN - 2, pdf->y - 2, CONTENT_WIDTH + 4, 15);
          cairo_fill (pdf->cr);
        }

      set_grey (pdf->cr, 0.15);
      draw_text (pdf, date, "Sans 8", MARGIN, pdf->y, 38, TRUE);
      draw_text (pdf, channel_name (report, post->channel_id), "Sans 8", MARGIN + 40, pdf->y,
                 60, TRUE);
      draw_text (pdf, post->text != NULL ? post->text : "", "Sans 8", MARGIN + 104, pdf->y,
                 text_width - 6, TRUE);
      x = MARGIN + 104 + text_width;
      for (guint column = 0; column < HD_REPORT_N_COLUMNS; column++)
        {
          g_autofree char *figure = format_figure (post->values[column]);

          x += figure_widths[column];
          set_grey (pdf->cr, post->values[column] == HD_METRIC_NOT_AVAILABLE ? 0.55 : 0.15);
          draw_text_right (pdf, figure, post->values[column] == HD_METRIC_NOT_AVAILABLE
                                        ? "Sans 7" : "Sans 8", x - 2, pdf->y);
        }
      pdf->y += 15;
    }

  pdf->y += 4;
  if (report->posts->len > n)
    {
      g_autofree char *more =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more post.",
                                      "And %u more posts.", report->posts->len - n),
                         report->posts->len - n);

      draw_note (pdf, more);
    }
}

static void
draw_spend (Pdf *pdf)
{
  HdReport *report = pdf->report;
  guint drawn = 0;

  for (guint i = 0; i < report->campaigns->len; i++)
    {
      HdReportCampaign *campaign = g_ptr_array_index (report->campaigns, i);
      g_autofree char *amounts = NULL;
      double bar = CONTENT_WIDTH - 200 - 150;
      double x = MARGIN + 200;
      double share;

      if (campaign->spend <= 0 && campaign->budget <= 0)
        continue;

      make_room (pdf, 20);
      amounts = hd_report_text_spend (campaign);
      set_grey (pdf->cr, 0.15);
      draw_text (pdf, campaign->name, "Sans 9", MARGIN, pdf->y, 192, TRUE);

      set_grey (pdf->cr, 0.88);
      cairo_rectangle (pdf->cr, x, pdf->y + 4, bar, 7);
      cairo_fill (pdf->cr);
      share = campaign->budget > 0 ? (double) campaign->spend / campaign->budget : 1;
      /* Over budget shows in red, the colour of the warning it is. */
      if (share > 1)
        cairo_set_source_rgb (pdf->cr, palette[4][0], palette[4][1], palette[4][2]);
      else
        cairo_set_source_rgb (pdf->cr, palette[0][0], palette[0][1], palette[0][2]);
      cairo_rectangle (pdf->cr, x, pdf->y + 4, bar * MIN (share, 1.0), 7);
      cairo_fill (pdf->cr);

      set_grey (pdf->cr, 0.15);
      draw_text_right (pdf, amounts, "Sans 9", MARGIN + CONTENT_WIDTH, pdf->y);
      pdf->y += 18;
      drawn++;
    }

  if (drawn == 0)
    draw_note (pdf, _("No campaign spent or had a budget in these days."));
}

static void
draw_heat_map (Pdf *pdf)
{
  const HdReportHeatMap *map = &pdf->report->best_times;
  cairo_t *cr = pdf->cr;
  const double label_width = 34;
  const double cell = (CONTENT_WIDTH - label_width) / 24;
  g_autoptr(GArray) slots = NULL;
  g_autofree char *best = NULL;
  g_autofree char *suggested = NULL;
  double highest = 0;

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      highest = MAX (highest, hd_report_heat_map_get_average (map, d, h));

  make_room (pdf, cell * 7 + 60);
  for (guint h = 0; h < 24; h += 3)
    {
      g_autofree char *hour = g_strdup_printf ("%u", h);

      set_grey (cr, 0.4);
      draw_text (pdf, hour, "Sans 7", MARGIN + label_width + h * cell + 1, pdf->y, cell * 3,
                 TRUE);
    }
  pdf->y += 12;

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *weekday = hd_report_text_weekday_short (d);

      set_grey (cr, 0.3);
      draw_text (pdf, weekday, "Sans 8", MARGIN, pdf->y + d * cell + (cell - 11) / 2,
                 label_width - 4, TRUE);
      for (guint h = 0; h < 24; h++)
        {
          double average = hd_report_heat_map_get_average (map, d, h);
          double x = MARGIN + label_width + h * cell;
          double y = pdf->y + d * cell;

          cairo_rectangle (cr, x + 0.75, y + 0.75, cell - 1.5, cell - 1.5);
          if (average < 0)
            set_grey (cr, 0.94);
          else
            {
              double strength = highest > 0 ? 0.15 + 0.85 * average / highest : 0.15;

              cairo_set_source_rgba (cr, palette[0][0], palette[0][1], palette[0][2], strength);
            }
          cairo_fill (cr);
        }
    }
  pdf->y += 7 * cell + 8;

  best = hd_report_text_best_time (map);
  draw_note (pdf, best);
  slots = hd_reports_suggest_slots (map, 3, NULL);
  suggested = hd_report_text_slots (slots);
  if (suggested != NULL)
    {
      g_autofree char *line = NULL;

      /* TRANSLATORS: the times Herald suggests for the queue, such as "Suggested times:
       * Tuesdays 9:00, Thursdays 13:00" */
      line = g_strdup_printf (_("Suggested times: %s"), suggested);
      draw_note (pdf, line);
    }
}

static void
draw_report (Pdf *pdf)
{
  g_autofree char *range = hd_report_text_range (pdf->report);
  g_autofree char *subtitle = NULL;

  pdf->y = MARGIN;
  set_grey (pdf->cr, 0.1);
  pdf->y += draw_text (pdf, _("Herald report"), "Sans Bold 18", MARGIN, pdf->y, CONTENT_WIDTH,
                       TRUE) + 2;
  /* TRANSLATORS: the days of a report and the zone they are counted in, such as
   * "2 March – 8 March 2026, Europe/London" */
  subtitle = g_strdup_printf (_("%s, %s"), range, pdf->report->time_zone);
  set_grey (pdf->cr, 0.3);
  pdf->y += draw_text (pdf, subtitle, "Sans 11", MARGIN, pdf->y, CONTENT_WIDTH, TRUE) + 4;
  draw_note (pdf, hd_reports_describe_engagement ());
  pdf->y += SECTION_GAP - 8;

  draw_heading (pdf, _("Engagement per day"), CHART_HEIGHT);
  draw_line_chart (pdf, SERIES_ENGAGEMENT);
  pdf->y += SECTION_GAP;

  draw_heading (pdf, _("Follower growth"), CHART_HEIGHT);
  draw_line_chart (pdf, SERIES_FOLLOWERS);
  draw_growth_notes (pdf);
  pdf->y += SECTION_GAP;

  draw_heading (pdf, _("Top posts"), 60);
  draw_top_posts (pdf);
  pdf->y += SECTION_GAP;

  draw_heading (pdf, _("Campaign spend against budget"), 40);
  draw_spend (pdf);
  pdf->y += SECTION_GAP;

  draw_heading (pdf, _("Best time to post"), 160);
  draw_heat_map (pdf);
}

gboolean
hd_report_write_pdf (HdReport  *report,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { NULL, report, 0 };

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Drawn into memory first, so a failure halfway leaves the old file as it was. */
  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, PAGE_WIDTH,
                                                 PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Herald report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Herald");
  pdf.cr = cairo_create (surface);
  draw_report (&pdf);
  cairo_show_page (pdf.cr);
  status = cairo_status (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Herald could not draw the report as PDF (%s)."),
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Herald could not write “%s” (%s). Check the folder exists and that you "
                     "may write there."), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
