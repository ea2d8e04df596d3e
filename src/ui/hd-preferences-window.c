/* hd-preferences-window.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-channel.h"
#include "hd-preferences-window.h"
#include "hd-store-channels.h"
#include "widgets/hd-popovers.h"

static const char *weekday_nicks[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

/* The choices of the "Send late posts" row, in minutes, in the order the row lists them. */
static const guint late_grace_choices[] = { 0, 15, 60, 360 };

/* Used only when the system has no zone table to read. */
static const char *fallback_zones[] = {
  "Africa/Johannesburg", "America/Chicago", "America/Los_Angeles", "America/New_York",
  "America/Sao_Paulo", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
  "Europe/Berlin", "Europe/Dublin", "Europe/London", "Europe/Madrid", "Europe/Paris",
  "Pacific/Auckland", "UTC",
};

struct _HdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template widgets */
  AdwComboRow         *week_row;
  AdwComboRow         *zone_row;
  AdwActionRow        *login_row;
  GtkSwitch           *background_switch;
  GtkSwitch           *login_switch;
  AdwComboRow         *late_row;
  AdwPreferencesGroup *channels_group;

  /* owned references */
  GSettings           *settings;
  HdStore             *store;
  GPtrArray           *zones;
};

G_DEFINE_FINAL_TYPE (HdPreferencesWindow, hd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
weekday_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (weekday_nicks); i++)
    if (g_str_equal (weekday_nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
weekday_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (weekday_nicks))
    return NULL;

  return g_variant_new_string (weekday_nicks[i]);
}

static gboolean
late_grace_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  guint minutes = g_variant_get_uint32 (variant);
  guint closest = 0;

  /* A grace set elsewhere to a value the row does not list shows as the nearest choice. */
  for (guint i = 1; i < G_N_ELEMENTS (late_grace_choices); i++)
    if (ABS ((int) late_grace_choices[i] - (int) minutes) <
        ABS ((int) late_grace_choices[closest] - (int) minutes))
      closest = i;

  g_value_set_uint (value, closest);
  return TRUE;
}

static GVariant *
late_grace_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (late_grace_choices))
    return NULL;

  return g_variant_new_uint32 (late_grace_choices[i]);
}

static int
compare_zones (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Zone ids at positions 1…n of the combo row; position 0 is the system's own zone. */
static GPtrArray *
load_zones (void)
{
  GPtrArray *zones = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;

  if (g_file_get_contents ("/usr/share/zoneinfo/zone1970.tab", &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3)
            g_ptr_array_add (zones, g_strdup (fields[2]));
        }
    }
  else if (g_file_get_contents ("/usr/share/zoneinfo/tzdata.zi", &contents, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (!g_str_has_prefix (lines[i], "Z "))
            continue;
          fields = g_strsplit (lines[i], " ", 3);
          if (g_strv_length (fields) >= 2)
            g_ptr_array_add (zones, g_strdup (fields[1]));
        }
    }

  if (zones->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (fallback_zones); i++)
      g_ptr_array_add (zones, g_strdup (fallback_zones[i]));

  g_ptr_array_sort (zones, compare_zones);

  return zones;
}

static gboolean
zone_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  HdPreferencesWindow *self = user_data;
  const char *zone = g_variant_get_string (variant, NULL);
  guint index;

  if (*zone == '\0')
    {
      g_value_set_uint (value, 0);
      return TRUE;
    }

  if (g_ptr_array_find_with_equal_func (self->zones, zone, g_str_equal, &index))
    {
      g_value_set_uint (value, index + 1);
      return TRUE;
    }

  /* A zone from another system's table: show the system zone rather than a wrong one. */
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
zone_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  HdPreferencesWindow *self = user_data;
  guint i = g_value_get_uint (value);

  if (i == 0 || i > self->zones->len)
    return g_variant_new_string ("");

  return g_variant_new_string (g_ptr_array_index (self->zones, i - 1));
}

static void
setup_zone_row (HdPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *system = NULL;

  self->zones = load_zones ();

  /* TRANSLATORS: the first choice of time zone, such as "System (Europe/London)" */
  system = g_strdup_printf (_("System (%s)"), g_time_zone_get_identifier (local));
  gtk_string_list_append (names, system);
  for (guint i = 0; i < self->zones->len; i++)
    gtk_string_list_append (names, g_ptr_array_index (self->zones, i));

  adw_combo_row_set_model (self->zone_row, G_LIST_MODEL (names));
}

static void
on_channel_switch_active (GtkSwitch           *toggle,
                          GParamSpec          *pspec,
                          HdPreferencesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (toggle), "hd-channel-id");
  g_auto(GStrv) current = g_settings_get_strv (self->settings, "default-channels");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; current[i] != NULL; i++)
    if (!g_str_equal (current[i], id))
      g_strv_builder_add (builder, current[i]);
  if (gtk_switch_get_active (toggle))
    g_strv_builder_add (builder, id);

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "default-channels", (const char * const *) updated);
}

static void
fill_channels_group (HdPreferencesWindow *self)
{
  g_autoptr(GListModel) channels = NULL;
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "default-channels");

  if (self->store != NULL)
    channels = hd_store_list_channels (self->store, NULL);

  if (channels == NULL || g_list_model_get_n_items (channels) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No channels yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Your channels appear here once they are connected"));
      adw_preferences_group_add (self->channels_group, row);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      HdChannelKind kind = hd_channel_get_kind (channel);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     hd_channel_get_display_name (channel));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hd_channel_kind_to_label (kind));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (hd_channel_kind_icon_name (kind)));

      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle),
                             g_strv_contains ((const char * const *) chosen,
                                              hd_channel_get_id (channel)));
      g_object_set_data_full (G_OBJECT (toggle), "hd-channel-id",
                              g_strdup (hd_channel_get_id (channel)), g_free);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_channel_switch_active),
                               self, 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      hd_channel_get_display_name (channel),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->channels_group, row);
    }
}

HdPreferencesWindow *
hd_preferences_window_new (GSettings *settings,
                           HdStore   *store)
{
  HdPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_set_object (&self->store, store);

  g_settings_bind_with_mapping (settings, "week-starts-on", self->week_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                weekday_get_mapping, weekday_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (settings, "time-zone", self->zone_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                zone_get_mapping, zone_set_mapping, self, NULL);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* Starting at login only to quit again, with nothing kept running, would help nobody. */
  g_settings_bind (settings, "run-in-background", self->login_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (settings, "late-grace-minutes", self->late_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                late_grace_get_mapping, late_grace_set_mapping, NULL, NULL);
  fill_channels_group (self);

  return self;
}

static void
hd_preferences_window_dispose (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    {
      g_settings_unbind (self->week_row, "selected");
      g_settings_unbind (self->zone_row, "selected");
      g_settings_unbind (self->background_switch, "active");
      g_settings_unbind (self->login_switch, "active");
      g_settings_unbind (self->login_row, "sensitive");
      g_settings_unbind (self->late_row, "selected");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->dispose (object);
}

static void
hd_preferences_window_finalize (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->zones, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->finalize (object);
}

static void
hd_preferences_window_class_init (HdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_preferences_window_dispose;
  object_class->finalize = hd_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/hd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, week_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, zone_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, late_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, channels_group);
}

static void
hd_preferences_window_init (HdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  setup_zone_row (self);
}
