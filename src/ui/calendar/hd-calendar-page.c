/* hd-calendar-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-post.h"
#include "hd-store-posts.h"
#include "calendar/hd-calendar-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

/* The agenda opens on the current week, so the first thing seen is what is coming up, and
 * reaches four weeks past it. */
#define WEEKS_BEFORE 0
#define WEEKS_AFTER  4

struct _HdCalendarPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack    *stack;
  GtkListView *list_view;

  /* owned references */
  HdStore     *store;
  GSettings   *settings;
  GListModel  *scheduled;
  GListModel  *drafts;
  GListStore  *agenda;
  GHashTable  *channels;
  GTimeZone   *zone;
};

G_DEFINE_FINAL_TYPE (HdCalendarPage, hd_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Headings are plain strings in the agenda, posts are HdPost. */
static void
append_heading (GListStore *agenda,
                const char *text)
{
  g_autoptr(GtkStringObject) heading = gtk_string_object_new (text);

  g_list_store_append (agenda, heading);
}

static gboolean
is_unscheduled_draft (HdPost *post)
{
  return hd_post_get_scheduled_at (post) == 0;
}

static void
rebuild_agenda (HdCalendarPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *last_day = NULL;
  guint n_drafts = 0;

  g_list_store_remove_all (self->agenda);

  if (self->drafts != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->drafts); i++)
        {
          g_autoptr(HdPost) post = g_list_model_get_item (self->drafts, i);

          if (!is_unscheduled_draft (post))
            continue;
          if (n_drafts++ == 0)
            append_heading (self->agenda, _("Drafts without a date"));
          g_list_store_append (self->agenda, post);
        }
    }

  if (self->scheduled != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->scheduled); i++)
        {
          g_autoptr(HdPost) post = g_list_model_get_item (self->scheduled, i);
          gint64 when = hd_post_get_scheduled_at (post);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);
          g_autofree char *day = g_date_time_format (local, "%F");

          if (g_strcmp0 (day, last_day) != 0)
            {
              g_autofree char *heading = hd_format_day_heading (local, now);

              append_heading (self->agenda, heading);
              g_free (last_day);
              last_day = g_steal_pointer (&day);
            }
          g_list_store_append (self->agenda, post);
        }
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) > 0
                                    ? "content" : "empty");
}

static gint64
start_of_range (HdCalendarPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autoptr(GDateTime) midnight = NULL;
  int week_start = 1;
  int back;

  if (self->settings != NULL)
    week_start = g_settings_get_enum (self->settings, "week-starts-on");

  back = (g_date_time_get_day_of_week (now) - week_start + 7) % 7 + 7 * WEEKS_BEFORE;
  midnight = g_date_time_new (self->zone,
                              g_date_time_get_year (now),
                              g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now),
                              0, 0, 0);

  return g_date_time_to_unix (midnight) - (gint64) back * 86400;
}

static void
reload (HdCalendarPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->scheduled != NULL)
    g_signal_handlers_disconnect_by_func (self->scheduled, rebuild_agenda, self);
  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_func (self->drafts, rebuild_agenda, self);
  g_clear_object (&self->scheduled);
  g_clear_object (&self->drafts);
  g_clear_pointer (&self->channels, g_hash_table_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  self->zone = hd_format_shown_zone (self->settings);

  if (self->store != NULL)
    {
      gint64 from = start_of_range (self);
      gint64 to = from + (gint64) (WEEKS_BEFORE + WEEKS_AFTER + 1) * 7 * 86400;

      self->channels = hd_channel_map_new (self->store);
      self->scheduled = hd_store_list_posts (self->store, from, to, &error);
      if (self->scheduled == NULL)
        g_warning ("Could not list the agenda: %s", error->message);
      g_clear_error (&error);

      self->drafts = hd_store_list_posts_in_state (self->store, HD_POST_STATE_DRAFT, &error);
      if (self->drafts == NULL)
        g_warning ("Could not list drafts: %s", error->message);
    }

  if (self->scheduled != NULL)
    g_signal_connect_swapped (self->scheduled, "items-changed", G_CALLBACK (rebuild_agenda),
                              self);
  if (self->drafts != NULL)
    g_signal_connect_swapped (self->drafts, "items-changed", G_CALLBACK (rebuild_agenda), self);

  rebuild_agenda (self);
}

static void
on_store_changed (HdCalendarPage *self,
                  const char     *family)
{
  if (g_strcmp0 (family, "channels") == 0)
    {
      g_clear_pointer (&self->channels, g_hash_table_unref);
      self->channels = hd_channel_map_new (self->store);
      rebuild_agenda (self);
    }
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdCalendarPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "hd-day-heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), hd_post_row_new ());

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdCalendarPage           *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *heading = gtk_widget_get_first_child (box);
  GtkWidget *row = gtk_widget_get_last_child (box);
  GObject *object = gtk_list_item_get_item (item);

  if (GTK_IS_STRING_OBJECT (object))
    {
      gtk_label_set_label (GTK_LABEL (heading),
                           gtk_string_object_get_string (GTK_STRING_OBJECT (object)));
      gtk_widget_set_visible (heading, TRUE);
      gtk_widget_set_visible (row, FALSE);
    }
  else
    {
      HdPost *post = HD_POST (object);

      hd_post_row_set_post (HD_POST_ROW (row), post,
                            hd_post_get_scheduled_at (post) != 0 ? self->zone : NULL,
                            self->channels);
      gtk_widget_set_visible (heading, FALSE);
      gtk_widget_set_visible (row, TRUE);
    }
}

HdStore *
hd_calendar_page_get_store (HdCalendarPage *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_PAGE (self), NULL);

  return self->store;
}

void
hd_calendar_page_set_store (HdCalendarPage *self,
                            HdStore        *store)
{
  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || HD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GSettings *
hd_calendar_page_get_settings (HdCalendarPage *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_PAGE (self), NULL);

  return self->settings;
}

void
hd_calendar_page_set_settings (HdCalendarPage *self,
                               GSettings      *settings)
{
  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, reload, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::time-zone", G_CALLBACK (reload), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::week-starts-on", G_CALLBACK (reload), self,
                               G_CONNECT_SWAPPED);
    }

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

static void
hd_calendar_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdCalendarPage *self = HD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_calendar_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdCalendarPage *self = HD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_calendar_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      hd_calendar_page_set_settings (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_calendar_page_dispose (GObject *object)
{
  HdCalendarPage *self = HD_CALENDAR_PAGE (object);

  if (self->scheduled != NULL)
    g_signal_handlers_disconnect_by_func (self->scheduled, rebuild_agenda, self);
  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_func (self->drafts, rebuild_agenda, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->scheduled);
  g_clear_object (&self->drafts);
  g_clear_object (&self->agenda);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_calendar_page_parent_class)->dispose (object);
}

static void
hd_calendar_page_finalize (GObject *object)
{
  HdCalendarPage *self = HD_CALENDAR_PAGE (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (hd_calendar_page_parent_class)->finalize (object);
}

static void
hd_calendar_page_class_init (HdCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_calendar_page_get_property;
  object_class->set_property = hd_calendar_page_set_property;
  object_class->dispose = hd_calendar_page_dispose;
  object_class->finalize = hd_calendar_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/calendar/hd-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, list_view);
}

static void
hd_calendar_page_init (HdCalendarPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->agenda = g_list_store_new (G_TYPE_OBJECT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->agenda)));
  self->zone = g_time_zone_new_local ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}
