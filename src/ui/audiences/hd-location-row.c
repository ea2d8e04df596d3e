/* hd-location-row.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-audiences"

#include "config.h"

#include <glib/gi18n.h>

#include "audiences/hd-location-row.h"

/* Far enough for any radius Meta takes; Check and Meta judge the exact limits. */
#define RADIUS_LARGEST 500

struct _HdLocationRow
{
  GtkListBoxRow parent_instance;

  /* template widgets */
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkCheckButton *exclude_button;
  GtkButton      *remove_button;
  GtkBox         *radius_box;
  GtkLabel       *radius_label;
  GtkSpinButton  *radius_spin;
  GtkDropDown    *unit_dropdown;

  /* borrowed references */
  HdLocation     *location;
};

G_DEFINE_FINAL_TYPE (HdLocationRow, hd_location_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  EXCLUDE_TOGGLED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_kind (HdLocation *location,
               gboolean    excluded)
{
  const char *kind = NULL;

  switch (location->kind)
    {
    case HD_LOCATION_COUNTRY:
      kind = _("Country");
      break;
    case HD_LOCATION_REGION:
      kind = _("Region");
      break;
    case HD_LOCATION_CITY:
      kind = _("City");
      break;
    case HD_LOCATION_PIN:
      /* Translators: a dropped pin and where it is: "Pin at 51.6565, -0.3903" */
      return g_strdup_printf (excluded ? _("Excluded · pin at %.4f, %.4f")
                                       : _("Pin at %.4f, %.4f"),
                              location->latitude, location->longitude);
    default:
      g_assert_not_reached ();
    }

  if (excluded && location->region != NULL)
    /* Translators: an excluded place, its kind and region: "Excluded · City · England" */
    return g_strdup_printf (_("Excluded · %s · %s"), kind, location->region);
  if (excluded)
    /* Translators: an excluded place and its kind: "Excluded · Region" */
    return g_strdup_printf (_("Excluded · %s"), kind);
  if (location->region != NULL)
    /* Translators: a place's kind and region: "City · England" */
    return g_strdup_printf (_("%s · %s"), kind, location->region);
  return g_strdup (kind);
}

static void
on_radius_value_changed (HdLocationRow *self)
{
  self->location->radius = gtk_spin_button_get_value (self->radius_spin);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_unit_selected (HdLocationRow *self)
{
  self->location->unit = gtk_drop_down_get_selected (self->unit_dropdown) == 1
                         ? HD_DISTANCE_MILES : HD_DISTANCE_KILOMETERS;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_exclude_toggled (HdLocationRow *self)
{
  g_signal_emit (self, signals[EXCLUDE_TOGGLED], 0,
                 gtk_check_button_get_active (self->exclude_button));
}

static void
on_remove_clicked (HdLocationRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

/**
 * hd_location_row_new:
 * @location: (transfer none): the place, kept by the caller for the life of the row
 * @excluded: whether the place is among the excluded ones
 */
GtkWidget *
hd_location_row_new (HdLocation *location,
                     gboolean    excluded)
{
  HdLocationRow *self;
  g_autofree char *kind = NULL;
  const char *name;
  gboolean whole;

  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (HD_TYPE_LOCATION_ROW, NULL);
  self->location = location;

  name = location->name != NULL ? location->name : location->key;
  kind = describe_kind (location, excluded);
  gtk_label_set_label (self->title_label, name != NULL ? name : _("Dropped pin"));
  gtk_label_set_label (self->subtitle_label, kind);
  gtk_check_button_set_active (self->exclude_button, excluded);
  if (excluded)
    gtk_widget_add_css_class (GTK_WIDGET (self), "hd-excluded");

  /* Cities and pins reach the people around them too. Meta takes whole numbers for a
   * city's radius and fractions for a pin's (TargetingGeoLocationCity.json,
   * TargetingGeoLocationCustomLocation.json). */
  if (location->kind == HD_LOCATION_CITY || location->kind == HD_LOCATION_PIN)
    {
      whole = location->kind == HD_LOCATION_CITY;
      gtk_label_set_label (self->radius_label, whole ? _("Within") : _("Radius"));
      gtk_spin_button_set_range (self->radius_spin, whole ? 0 : 0.1, RADIUS_LARGEST);
      gtk_spin_button_set_increments (self->radius_spin, whole ? 1 : 0.1, 5);
      gtk_spin_button_set_digits (self->radius_spin, whole ? 0 : 1);
      gtk_spin_button_set_value (self->radius_spin, location->radius);
      if (whole)
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->radius_spin),
                                     _("0 reaches the city alone"));
      gtk_drop_down_set_selected (self->unit_dropdown,
                                  location->unit == HD_DISTANCE_MILES ? 1 : 0);
      gtk_widget_set_visible (GTK_WIDGET (self->radius_box), TRUE);
    }

  /* Connected once the controls show the place, so filling them changes nothing. */
  g_signal_connect_swapped (self->radius_spin, "value-changed",
                            G_CALLBACK (on_radius_value_changed), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected",
                            G_CALLBACK (on_unit_selected), self);
  g_signal_connect_swapped (self->exclude_button, "toggled", G_CALLBACK (on_exclude_toggled),
                            self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked),
                            self);

  return GTK_WIDGET (self);
}

HdLocation *
hd_location_row_get_location (HdLocationRow *self)
{
  g_return_val_if_fail (HD_IS_LOCATION_ROW (self), NULL);

  return self->location;
}

static void
hd_location_row_class_init (HdLocationRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * HdLocationRow::changed:
   *
   * The radius or its unit changed; the place already holds the new value.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * HdLocationRow::exclude-toggled:
   * @exclude: whether the user wants the place's people left out
   */
  signals[EXCLUDE_TOGGLED] = g_signal_new ("exclude-toggled", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * HdLocationRow::remove:
   *
   * The user asked to take the place off the audience.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/audiences/hd-location-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, exclude_button);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, radius_box);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, radius_label);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, radius_spin);
  gtk_widget_class_bind_template_child (widget_class, HdLocationRow, unit_dropdown);
}

static void
hd_location_row_init (HdLocationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
