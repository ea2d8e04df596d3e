/* hd-calendar-chip.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-core-enums.h"
#include "calendar/hd-calendar-chip.h"
#include "widgets/hd-format.h"

#define N_KINDS (HD_CHANNEL_KIND_X + 1)
#define MAX_SHOWN_CHARS 40
#define MAX_SHOWN_BYTES 160

struct _HdCalendarChip
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget *dot;
  GtkWidget *icons[N_KINDS];
  GtkWidget *label;

  /* what is bound, so binding it again costs nothing */
  HdCalendarEntry entry;
  gint64          zone_offset_key;
  gboolean        bound;
  gboolean        show_time;
};

G_DEFINE_FINAL_TYPE (HdCalendarChip, hd_calendar_chip, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *state_css[] = {
  [HD_POST_STATE_IDEA] = "idea",
  [HD_POST_STATE_DRAFT] = "draft",
  [HD_POST_STATE_SCHEDULED] = "scheduled",
  [HD_POST_STATE_PUBLISHING] = "publishing",
  [HD_POST_STATE_PUBLISHED] = "published",
  [HD_POST_STATE_FAILED] = "failed",
  [HD_POST_STATE_NEEDS_ATTENTION] = "needs-attention",
};

const char *
hd_calendar_state_css_name (HdPostState state)
{
  if ((guint) state >= G_N_ELEMENTS (state_css))
    return "draft";

  return state_css[state];
}

void
hd_calendar_ensure_style (void)
{
  static GdkDisplay *styled;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == styled)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/heraldapp/Herald/calendar/hd-calendar.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

GtkWidget *
hd_calendar_chip_new (void)
{
  return g_object_new (HD_TYPE_CALENDAR_CHIP, NULL);
}

const char *
hd_calendar_chip_get_post_id (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), NULL);

  return self->bound ? self->entry.id : NULL;
}

gint64
hd_calendar_chip_get_instant (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), 0);

  return self->entry.scheduled_at;
}

const char *
hd_calendar_chip_get_excerpt (HdCalendarChip *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_CHIP (self), NULL);

  return self->bound ? self->entry.excerpt : NULL;
}

static void
update_accessible_label (HdCalendarChip *self,
                         const char     *time)
{
  g_autoptr(GString) text = g_string_new (hd_post_state_to_label (self->entry.state));

  if (time != NULL)
    g_string_append_printf (text, ", %s", time);

  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->entry.channel_kinds & (1u << kind))
      g_string_append_printf (text, ", %s", hd_channel_kind_to_label (kind));

  g_string_append_printf (text, ": %s",
                          self->entry.excerpt[0] != '\0' ? self->entry.excerpt : _("No text yet"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

/* Built when asked for, not on every bind: a month switch re-binds hundreds of chips. */
static gboolean
on_query_tooltip (HdCalendarChip *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autoptr(GString) text = NULL;

  if (!self->bound)
    return FALSE;

  text = g_string_new (hd_post_state_to_label (self->entry.state));
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->entry.channel_kinds & (1u << kind))
      g_string_append_printf (text, ", %s", hd_channel_kind_to_label (kind));
  g_string_append_c (text, '\n');
  g_string_append (text, self->entry.excerpt[0] != '\0' ? self->entry.excerpt : _("No text yet"));
  gtk_tooltip_set_text (tooltip, text->str);

  return TRUE;
}

/* One label for the time and the words: half the text to shape when a month is re-bound. Only
 * what a day can show is set; the full excerpt stays for the tooltip and screen readers. */
static void
set_text (HdCalendarChip *self,
          const char     *time,
          const char     *words)
{
  g_autoptr(PangoAttrList) attributes = NULL;
  char text[MAX_SHOWN_BYTES + 16];
  gsize offset = 0;
  const char *end = words;
  guint n = 0;

  if (time != NULL)
    {
      offset = g_strlcpy (text, time, sizeof text);
      text[offset++] = ' ';
    }
  while (*end != '\0' && n++ < MAX_SHOWN_CHARS && end - words < MAX_SHOWN_BYTES)
    end = g_utf8_next_char (end);
  memcpy (text + offset, words, end - words);
  text[offset + (end - words)] = '\0';

  if (time != NULL)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->start_index = 0;
      bold->end_index = offset - 1;
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, bold);
    }

  gtk_label_set_attributes (GTK_LABEL (self->label), attributes);
  gtk_label_set_label (GTK_LABEL (self->label), text);
}

void
hd_calendar_chip_bind (HdCalendarChip        *self,
                       const HdCalendarEntry *entry,
                       GTimeZone             *zone)
{
  g_autofree char *time = NULL;
  gint64 zone_key = 0;

  g_return_if_fail (HD_IS_CALENDAR_CHIP (self));
  g_return_if_fail (entry != NULL);

  /* The offset in force at the post's instant is what changes its wall time. */
  if (zone != NULL && entry->scheduled_at != 0)
    {
      int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, entry->scheduled_at);

      zone_key = interval >= 0 ? g_time_zone_get_offset (zone, interval) + 1 : 1;
    }

  if (self->bound && self->zone_offset_key == zone_key &&
      memcmp (&self->entry, entry, sizeof *entry) == 0)
    return;

  if (!self->bound || self->entry.state != entry->state)
    {
      if (self->bound)
        gtk_widget_remove_css_class (GTK_WIDGET (self),
                                     hd_calendar_state_css_name (self->entry.state));
      gtk_widget_add_css_class (GTK_WIDGET (self), hd_calendar_state_css_name (entry->state));
    }

  for (guint kind = 0; kind < N_KINDS; kind++)
    gtk_widget_set_visible (self->icons[kind], (entry->channel_kinds & (1u << kind)) != 0);

  if (zone_key != 0)
    time = hd_format_time (entry->scheduled_at, zone);
  set_text (self, time, entry->excerpt[0] != '\0' ? entry->excerpt : _("No text yet"));

  memcpy (&self->entry, entry, sizeof *entry);
  self->zone_offset_key = zone_key;
  self->bound = TRUE;

  update_accessible_label (self, time);
}

static void
on_click_released (HdCalendarChip *self,
                   int             n_press,
                   double          x,
                   double          y,
                   GtkGesture     *gesture)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->bound)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

static GdkContentProvider *
on_drag_prepare (HdCalendarChip *self,
                 double          x,
                 double          y,
                 GtkDragSource  *source)
{
  g_autoptr(GdkPaintable) icon = NULL;

  if (!self->bound)
    return NULL;

  icon = gtk_widget_paintable_new (GTK_WIDGET (self));
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);

  return gdk_content_provider_new_typed (G_TYPE_STRING, self->entry.id);
}

#define SPACING       4
#define MIN_TEXT_W    56

static void
hd_calendar_chip_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HdCalendarChip *self = HD_CALENDAR_CHIP (widget);
  int min = 0;
  int nat = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min;
          int child_nat;

          if (!gtk_widget_get_visible (child))
            continue;
          /* A label is measured for the width it gets, never for its whole text. */
          gtk_widget_measure (child, orientation, child == self->label ? for_size : -1,
                              &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
    }
  else
    {
      /* However narrow the day, the state dot shows; the rest gives way, icons first. Shaping
       * every chip's whole text to learn a natural width nobody uses would dominate a month
       * switch, so the natural width is a fixed, generous one. */
      gtk_widget_measure (self->dot, orientation, -1, &min, NULL, NULL, NULL);
      nat = min + SPACING + MIN_TEXT_W * 4;
    }

  *minimum = min;
  *natural = MAX (nat, min);
}

static void
place (GtkWidget *child,
       int       *x,
       int        width,
       int        height,
       gboolean   rtl,
       int        total)
{
  int child_h;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_h, NULL, NULL);
  child_h = MIN (child_h, height);
  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { rtl ? total - *x - width : *x,
                                               (height - child_h) / 2, width, child_h },
                            -1);
  *x += width + SPACING;
}

static void
hd_calendar_chip_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HdCalendarChip *self = HD_CALENDAR_CHIP (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int dot_w;
  int icon_w = 0;
  int x;
  int room;

  gtk_widget_measure (self->dot, GTK_ORIENTATION_HORIZONTAL, -1, &dot_w, NULL, NULL, NULL);

  /* The dot is round: as tall as it is wide, whatever the line height. */
  gtk_widget_size_allocate (self->dot,
                            &(GtkAllocation) { rtl ? width - dot_w : 0, (height - dot_w) / 2,
                                               dot_w, dot_w },
                            -1);
  x = dot_w + SPACING;

  /* Channel icons only where the time and a few words still fit beside them. */
  room = width - x - MIN_TEXT_W;
  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      GtkWidget *icon = self->icons[kind];

      if (!gtk_widget_get_visible (icon))
        continue;
      if (icon_w == 0)
        gtk_widget_measure (icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &icon_w, NULL, NULL);
      if (room >= icon_w + SPACING)
        {
          place (icon, &x, icon_w, height, rtl, width);
          room -= icon_w + SPACING;
        }
      else
        {
          gtk_widget_set_child_visible (icon, FALSE);
        }
    }

  if (width - x >= MIN_TEXT_W / 4)
    place (self->label, &x, width - x, height, rtl, width);
  else
    gtk_widget_set_child_visible (self->label, FALSE);
}

static void
hd_calendar_chip_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hd_calendar_chip_parent_class)->dispose (object);
}

static void
hd_calendar_chip_class_init (HdCalendarChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_calendar_chip_dispose;

  /* The post was clicked: the page opens it. */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  widget_class->measure = hd_calendar_chip_measure;
  widget_class->size_allocate = hd_calendar_chip_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "hd-chip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
hd_calendar_chip_init (HdCalendarChip *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  hd_calendar_ensure_style ();
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->dot = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->dot, "hd-state-dot");
  gtk_widget_set_valign (self->dot, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->dot, GTK_WIDGET (self));

  for (guint kind = 0; kind < N_KINDS; kind++)
    {
      self->icons[kind] = gtk_image_new_from_icon_name (hd_channel_kind_icon_name (kind));
      gtk_widget_add_css_class (self->icons[kind], "hd-chip-icon");
      gtk_widget_set_visible (self->icons[kind], FALSE);
      gtk_widget_set_parent (self->icons[kind], GTK_WIDGET (self));
    }

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (self->label), 1);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect_swapped (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
