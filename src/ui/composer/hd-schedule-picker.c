/* hd-schedule-picker.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-wall-time.h"
#include "composer/hd-schedule-picker.h"

struct _HdSchedulePicker
{
  AdwBin parent_instance;

  /* template widgets */
  GtkMenuButton *date_button;
  GtkCalendar   *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  GtkDropDown   *zone_dropdown;

  /* owned references */
  GtkStringList *zones;

  gboolean       chosen;
  gboolean       updating;
};

G_DEFINE_FINAL_TYPE (HdSchedulePicker, hd_schedule_picker, ADW_TYPE_BIN)

G_DEFINE_QUARK (hd-schedule-error-quark, hd_schedule_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The IANA zones people live in, from the system's tz database; read once. */
static GStrv
list_zone_ids (void)
{
  static GStrv zone_ids;

  if (g_once_init_enter (&zone_ids))
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents ("/usr/share/zoneinfo/zone1970.tab", &contents, NULL, NULL))
        g_file_get_contents ("/usr/share/zoneinfo/zone.tab", &contents, NULL, NULL);

      if (contents != NULL)
        lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3)
            g_ptr_array_add (ids, g_strdup (fields[2]));
        }

      g_ptr_array_add (ids, g_strdup ("UTC"));
      g_ptr_array_sort (ids, compare_strings);
      g_ptr_array_add (ids, NULL);

      g_once_init_leave (&zone_ids, (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE));
    }

  return zone_ids;
}

static guint
find_zone (HdSchedulePicker *self,
           const char       *zone_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->zones));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->zones, i), zone_id) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
update_date_label (HdSchedulePicker *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *label = g_date_time_format (date, _("%a %-d %b %Y"));

  gtk_menu_button_set_label (self->date_button, label);
}

static void
emit_changed (HdSchedulePicker *self)
{
  if (self->updating)
    return;

  self->chosen = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_calendar_day_selected (HdSchedulePicker *self)
{
  update_date_label (self);
  if (!self->updating)
    gtk_menu_button_popdown (self->date_button);
  emit_changed (self);
}

static gboolean
on_spin_output (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  /* Only touch the text when it differs, or the cursor jumps while typing. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

const char *
hd_schedule_picker_get_time_zone (HdSchedulePicker *self)
{
  guint selected;

  g_return_val_if_fail (HD_IS_SCHEDULE_PICKER (self), NULL);

  selected = gtk_drop_down_get_selected (self->zone_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION)
    return "UTC";

  return gtk_string_list_get_string (self->zones, selected);
}

void
hd_schedule_picker_set_time_zone (HdSchedulePicker *self,
                                  const char       *time_zone)
{
  guint position;

  g_return_if_fail (HD_IS_SCHEDULE_PICKER (self));

  if (time_zone == NULL || *time_zone == '\0')
    return;

  position = find_zone (self, time_zone);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (time_zone);

      /* A zone the tables leave out (a link such as "Europe/Belfast") is still a zone. */
      if (zone == NULL)
        return;
      gtk_string_list_append (self->zones, time_zone);
      position = g_list_model_get_n_items (G_LIST_MODEL (self->zones)) - 1;
    }

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->zone_dropdown, position);
  self->updating = FALSE;
}

void
hd_schedule_picker_set_wall_time (HdSchedulePicker *self,
                                  int               year,
                                  int               month,
                                  int               day,
                                  int               hour,
                                  int               minute)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_if_fail (HD_IS_SCHEDULE_PICKER (self));

  date = g_date_time_new_utc (year, month, day, 12, 0, 0);
  g_return_if_fail (date != NULL);

  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  gtk_spin_button_set_value (self->hour_spin, hour);
  gtk_spin_button_set_value (self->minute_spin, minute);
  self->updating = FALSE;
  update_date_label (self);

  self->chosen = TRUE;
}

void
hd_schedule_picker_set_instant (HdSchedulePicker *self,
                                gint64            instant,
                                const char       *time_zone)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_return_if_fail (HD_IS_SCHEDULE_PICKER (self));

  hd_schedule_picker_set_time_zone (self, time_zone);
  zone = g_time_zone_new_identifier (hd_schedule_picker_get_time_zone (self));
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  utc = g_date_time_new_from_unix_utc (instant);
  g_return_if_fail (utc != NULL);
  when = g_date_time_to_timezone (utc, zone);

  hd_schedule_picker_set_wall_time (self,
                                    g_date_time_get_year (when),
                                    g_date_time_get_month (when),
                                    g_date_time_get_day_of_month (when),
                                    g_date_time_get_hour (when),
                                    g_date_time_get_minute (when));
}

gboolean
hd_schedule_picker_get_instant (HdSchedulePicker  *self,
                                gint64             now,
                                gint64            *instant,
                                GError           **error)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  const char *zone_id;
  int hour, minute;
  gint64 result = 0;

  g_return_val_if_fail (HD_IS_SCHEDULE_PICKER (self), FALSE);
  g_return_val_if_fail (instant != NULL, FALSE);

  zone_id = hd_schedule_picker_get_time_zone (self);
  zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    {
      g_set_error (error, HD_SCHEDULE_ERROR, HD_SCHEDULE_ERROR_BAD_ZONE,
                   _("This computer does not know the time zone %s. Pick another zone."),
                   zone_id);
      return FALSE;
    }

  date = gtk_calendar_get_date (self->calendar);
  /* Typed digits count even before the spin button loses focus. */
  gtk_spin_button_update (self->hour_spin);
  gtk_spin_button_update (self->minute_spin);
  hour = gtk_spin_button_get_value_as_int (self->hour_spin);
  minute = gtk_spin_button_get_value_as_int (self->minute_spin);

  if (hd_wall_time_to_instant (zone,
                               g_date_time_get_year (date),
                               g_date_time_get_month (date),
                               g_date_time_get_day_of_month (date),
                               hour, minute, 0, &result) == HD_WALL_TIME_SKIPPED)
    {
      g_autofree char *day = g_date_time_format (date, _("%-d %B %Y"));

      g_set_error (error, HD_SCHEDULE_ERROR, HD_SCHEDULE_ERROR_NONEXISTENT,
                   _("%02d:%02d does not exist on %s in %s: the clocks go forward over it. "
                     "Pick another time."),
                   hour, minute, day, zone_id);
      return FALSE;
    }

  if (now != 0 && result <= now)
    {
      g_set_error_literal (error, HD_SCHEDULE_ERROR, HD_SCHEDULE_ERROR_PAST,
                           _("That time has already passed. Pick a time in the future."));
      return FALSE;
    }

  *instant = result;
  return TRUE;
}

gboolean
hd_schedule_picker_get_chosen (HdSchedulePicker *self)
{
  g_return_val_if_fail (HD_IS_SCHEDULE_PICKER (self), FALSE);

  return self->chosen;
}

void
hd_schedule_picker_set_chosen (HdSchedulePicker *self,
                               gboolean          chosen)
{
  g_return_if_fail (HD_IS_SCHEDULE_PICKER (self));

  self->chosen = !!chosen;
}

GtkWidget *
hd_schedule_picker_new (void)
{
  return g_object_new (HD_TYPE_SCHEDULE_PICKER, NULL);
}

static void
hd_schedule_picker_dispose (GObject *object)
{
  HdSchedulePicker *self = HD_SCHEDULE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_SCHEDULE_PICKER);
  g_clear_object (&self->zones);

  G_OBJECT_CLASS (hd_schedule_picker_parent_class)->dispose (object);
}

static void
hd_schedule_picker_class_init (HdSchedulePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_schedule_picker_dispose;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/composer/hd-schedule-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, HdSchedulePicker, date_button);
  gtk_widget_class_bind_template_child (widget_class, HdSchedulePicker, calendar);
  gtk_widget_class_bind_template_child (widget_class, HdSchedulePicker, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, HdSchedulePicker, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, HdSchedulePicker, zone_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output);
  gtk_widget_class_bind_template_callback (widget_class, emit_changed);
}

static void
hd_schedule_picker_init (HdSchedulePicker *self)
{
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zones = gtk_string_list_new ((const char * const *) list_zone_ids ());
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->zone_dropdown, expression);
  gtk_drop_down_set_model (self->zone_dropdown, G_LIST_MODEL (self->zones));

  hd_schedule_picker_set_time_zone (self, "UTC");
  hd_schedule_picker_set_time_zone (self, g_time_zone_get_identifier (local));
  update_date_label (self);
}
