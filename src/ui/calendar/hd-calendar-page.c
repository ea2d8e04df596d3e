/* hd-calendar-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-core-enums.h"
#include "hd-campaign.h"
#include "hd-channel.h"
#include "hd-label.h"
#include "hd-post.h"
#include "hd-store-calendar.h"
#include "hd-store-campaigns.h"
#include "hd-store-labels.h"
#include "hd-store-posts.h"
#include "hd-wall-time.h"
#include "calendar/hd-calendar-chip.h"
#include "calendar/hd-calendar-page-private.h"
#include "calendar/hd-month-view.h"
#include "calendar/hd-week-view.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"
#include "widgets/hd-status-icon.h"

/* A new post in an empty day of the month starts at this hour. */
#define NEW_POST_HOUR 9
#define SEARCH_DELAY_MS 150

struct _HdCalendarPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack        *stack;
  AdwStatusPage   *empty_status_page;
  AdwStatusPage   *no_match_page;
  AdwStatusPage   *agenda_empty_page;
  AdwToastOverlay *toast_overlay;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkLabel        *range_label;
  GtkWidget       *nav_box;
  GtkWidget       *tools_box;
  GtkWidget       *view_menu_button;
  GMenuModel      *view_menu;
  GtkMenuButton   *filter_button;
  GtkStack        *view_stack;
  HdMonthView     *month_view;
  GtkListView     *list_view;
  /* built when the week is first shown: its 168 hour slots are most of the page's widgets */
  HdWeekView      *week_view;

  /* owned references */
  HdStore            *store;
  GSettings          *settings;
  GTimeZone          *zone;
  GSimpleActionGroup *actions;
  GtkWidget          *filter_popover;
  GtkBox             *filter_box;
  GListStore         *agenda;
  GHashTable         *channels;
  GArray             *entries;
  GArray             *flights;
  GPtrArray          *filter_channels;
  GPtrArray          *filter_labels;
  char               *filter_campaign;
  char               *search_text;
  AdwToast           *last_toast;

  guint        state_mask;
  GDate        date;
  const char  *view;
  gboolean     filter_active;
  gboolean     rebuilding_filters;
};

G_DEFINE_FINAL_TYPE (HdCalendarPage, hd_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_VIEW,
  PROP_FILTER_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *view_names[] = { "month", "week", "agenda" };

static HdWeekView *ensure_week_view (HdCalendarPage *self);

static void refresh (HdCalendarPage *self);

static int
week_start (HdCalendarPage *self)
{
  return self->settings != NULL ? g_settings_get_enum (self->settings, "week-starts-on") : 1;
}

static void
today (HdCalendarPage *self,
       GDate          *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static gint64
wall_instant (GTimeZone   *zone,
              const GDate *date,
              int          hour,
              int          minute)
{
  gint64 instant = 0;

  hd_wall_time_to_instant (zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), hour, minute, 0, &instant);
  return instant;
}

static GDate
first_day_of_week (HdCalendarPage *self)
{
  GDate first = self->date;

  g_date_subtract_days (&first, (g_date_get_weekday (&first) - week_start (self) + 7) % 7);
  return first;
}

/* Filters */

static gboolean
compute_filter_active (HdCalendarPage *self)
{
  return self->filter_channels->len > 0 || self->filter_labels->len > 0 ||
         self->state_mask != 0 || self->filter_campaign != NULL ||
         (self->search_text != NULL && *self->search_text != '\0');
}

static void
fill_filter (HdCalendarPage *self,
             HdPostFilter   *filter,
             gint64          from,
             gint64          to)
{
  filter->from = from;
  filter->to = to;
  filter->channel_ids = self->filter_channels->len > 0
                        ? (const char * const *) self->filter_channels->pdata : NULL;
  filter->labels = self->filter_labels->len > 0
                   ? (const char * const *) self->filter_labels->pdata : NULL;
  filter->state_mask = self->state_mask;
  filter->campaign_id = self->filter_campaign;
  filter->text = self->search_text;
}

static void
filters_changed (HdCalendarPage *self)
{
  gboolean active = compute_filter_active (self);

  if (active != self->filter_active)
    {
      self->filter_active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_ACTIVE]);
    }
  refresh (self);
}

static gboolean
remove_string (GPtrArray  *array,
               const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      {
        g_ptr_array_remove_index (array, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
has_string (GPtrArray  *array,
            const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
set_string (GPtrArray  *array,
            const char *value,
            gboolean    present)
{
  if (present && !has_string (array, value))
    g_ptr_array_add (array, g_strdup (value));
  else if (!present)
    remove_string (array, value);
}

static GtkWidget *
find_check (HdCalendarPage *self,
            const char     *kind,
            const char     *value)
{
  if (self->filter_box == NULL)
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "hd-filter-kind"), kind) == 0 &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "hd-filter-value"), value) == 0)
      return child;

  return NULL;
}

static void
on_filter_toggled (HdCalendarPage *self,
                   GtkCheckButton *check)
{
  const char *kind = g_object_get_data (G_OBJECT (check), "hd-filter-kind");
  const char *value = g_object_get_data (G_OBJECT (check), "hd-filter-value");
  gboolean active = gtk_check_button_get_active (check);

  if (self->rebuilding_filters)
    return;

  if (g_str_equal (kind, "channel"))
    _hd_calendar_page_set_channel_filter (self, value, active);
  else if (g_str_equal (kind, "label"))
    _hd_calendar_page_set_label_filter (self, value, active);
  else if (g_str_equal (kind, "state"))
    {
      int state = 0;

      if (hd_enum_from_nick (HD_TYPE_POST_STATE, value, &state))
        _hd_calendar_page_set_state_filter (self, state, active);
    }
  else if (g_str_equal (kind, "campaign") && active)
    _hd_calendar_page_set_campaign_filter (self, *value != '\0' ? value : NULL);
}

static GtkWidget *
add_check (HdCalendarPage *self,
           const char     *kind,
           const char     *value,
           const char     *label,
           gboolean        active,
           GtkCheckButton *group)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_object_set_data_full (G_OBJECT (check), "hd-filter-kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (check), "hd-filter-value", g_strdup (value), g_free);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_filter_toggled), self);
  gtk_box_append (self->filter_box, check);

  return check;
}

static void
add_heading (HdCalendarPage *self,
             const char     *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "hd-filter-heading");
  gtk_box_append (self->filter_box, label);
}

/* The popover lists what the store holds now, with the current filter checked. */
static void
rebuild_filter_popover (HdCalendarPage *self)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GListModel) labels = NULL;
  g_autoptr(GListModel) campaigns = NULL;
  GtkWidget *child;
  GtkWidget *any;
  GtkWidget *clear;

  self->rebuilding_filters = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_box))) != NULL)
    gtk_box_remove (self->filter_box, child);

  if (self->store != NULL)
    {
      channels = hd_store_list_channels (self->store, NULL);
      labels = hd_store_list_labels (self->store, NULL);
      campaigns = hd_store_list_campaigns (self->store, NULL);
    }

  if (channels != NULL && g_list_model_get_n_items (channels) > 0)
    {
      add_heading (self, _("Channels"));
      for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
        {
          g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
          const char *id = hd_channel_get_id (channel);

          add_check (self, "channel", id, hd_channel_get_display_name (channel),
                     has_string (self->filter_channels, id), NULL);
        }
    }

  if (labels != NULL && g_list_model_get_n_items (labels) > 0)
    {
      add_heading (self, _("Labels"));
      for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
        {
          g_autoptr(HdLabel) label = g_list_model_get_item (labels, i);
          const char *name = hd_label_get_name (label);

          add_check (self, "label", name, name, has_string (self->filter_labels, name), NULL);
        }
    }

  add_heading (self, _("State"));
  for (int state = HD_POST_STATE_IDEA; state <= HD_POST_STATE_NEEDS_ATTENTION; state++)
    add_check (self, "state", hd_enum_to_nick (HD_TYPE_POST_STATE, state),
               hd_post_state_to_label (state), (self->state_mask & (1u << state)) != 0, NULL);

  if (campaigns != NULL && g_list_model_get_n_items (campaigns) > 0)
    {
      add_heading (self, _("Campaign"));
      any = add_check (self, "campaign", "", _("Any campaign"), self->filter_campaign == NULL,
                       NULL);
      for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
        {
          g_autoptr(HdCampaign) campaign = g_list_model_get_item (campaigns, i);
          const char *id = hd_campaign_get_id (campaign);

          add_check (self, "campaign", id, hd_campaign_get_name (campaign),
                     g_strcmp0 (self->filter_campaign, id) == 0, GTK_CHECK_BUTTON (any));
        }
    }

  clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "calendar.clear-filters");
  gtk_widget_set_margin_top (clear, 6);
  gtk_box_append (self->filter_box, clear);

  self->rebuilding_filters = FALSE;
}

static void
clear_filters (HdCalendarPage *self)
{
  g_ptr_array_set_size (self->filter_channels, 0);
  g_ptr_array_set_size (self->filter_labels, 0);
  self->state_mask = 0;
  g_clear_pointer (&self->filter_campaign, g_free);
  g_clear_pointer (&self->search_text, g_free);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  rebuild_filter_popover (self);
  filters_changed (self);
}

/* The shown period */

static void
update_range_label (HdCalendarPage *self,
                    gint64          from,
                    gint64          to)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) start = g_date_time_to_timezone (utc, self->zone);
  g_autofree char *text = NULL;

  if (g_str_equal (self->view, "week"))
    {
      g_autoptr(GDateTime) last = g_date_time_add_days (start, 6);

      if (g_date_time_get_month (start) == g_date_time_get_month (last))
        {
          g_autofree char *first = g_date_time_format (start, "%-d");
          /* TRANSLATORS: the end of a week's range, such as "9 March 2026" */
          g_autofree char *end = g_date_time_format (last, _("%-d %B %Y"));

          text = g_strdup_printf ("%s – %s", first, end);
        }
      else
        {
          /* TRANSLATORS: the start of a week's range across months, such as "30 March" */
          g_autofree char *first = g_date_time_format (start, _("%-d %B"));
          g_autofree char *end = g_date_time_format (last, _("%-d %B %Y"));

          text = g_strdup_printf ("%s – %s", first, end);
        }
    }
  else
    {
      g_autoptr(GDateTime) shown = g_date_time_new (self->zone, g_date_get_year (&self->date),
                                                    g_date_get_month (&self->date), 1, 12, 0, 0);

      /* TRANSLATORS: the month shown, such as "March 2026"; see g_date_time_format() */
      text = g_date_time_format (shown, _("%B %Y"));
    }

  gtk_label_set_label (self->range_label, text);
}

static void
get_month_bounds (HdCalendarPage *self,
                  gint64         *from,
                  gint64         *to)
{
  GDate first;
  GDate next;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (&self->date), g_date_get_year (&self->date));
  next = first;
  g_date_add_months (&next, 1);

  *from = wall_instant (self->zone, &first, 0, 0);
  *to = wall_instant (self->zone, &next, 0, 0);
}

/* Headings are plain strings in the agenda, posts are HdPost. */
static void
append_heading (GListStore *agenda,
                const char *text)
{
  g_autoptr(GtkStringObject) heading = gtk_string_object_new (text);

  g_list_store_append (agenda, heading);
}

static guint
rebuild_agenda (HdCalendarPage *self,
                gint64          from,
                gint64          to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) undated = g_array_new (FALSE, FALSE, sizeof (HdCalendarEntry));
  g_autoptr(GListModel) scheduled = NULL;
  g_autoptr(GListModel) drafts = NULL;
  g_autofree char *last_day = NULL;
  HdPostFilter filter = { 0 };
  guint n_drafts = 0;
  guint n_posts = 0;

  g_list_store_remove_all (self->agenda);

  /* Undated drafts first: they wait for a day, whatever month is shown. */
  fill_filter (self, &filter, 0, 1);
  if (hd_store_query_calendar (self->store, &filter, undated, NULL) && undated->len > 0)
    {
      for (guint i = 0; i < undated->len; i++)
        g_hash_table_add (ids, g_array_index (undated, HdCalendarEntry, i).id);

      drafts = hd_store_list_posts_in_state (self->store, HD_POST_STATE_DRAFT, NULL);
      for (guint i = 0; drafts != NULL && i < g_list_model_get_n_items (drafts); i++)
        {
          g_autoptr(HdPost) post = g_list_model_get_item (drafts, i);

          if (hd_post_get_scheduled_at (post) != 0 ||
              !g_hash_table_contains (ids, hd_post_get_id (post)))
            continue;
          if (n_drafts++ == 0)
            append_heading (self->agenda, _("Drafts without a date"));
          g_list_store_append (self->agenda, post);
          n_posts++;
        }
    }

  g_hash_table_remove_all (ids);
  for (guint i = 0; i < self->entries->len; i++)
    g_hash_table_add (ids, g_array_index (self->entries, HdCalendarEntry, i).id);

  if (self->entries->len > 0)
    scheduled = hd_store_list_posts (self->store, from, to, NULL);

  for (guint i = 0; scheduled != NULL && i < g_list_model_get_n_items (scheduled); i++)
    {
      g_autoptr(HdPost) post = g_list_model_get_item (scheduled, i);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *day = NULL;

      if (!g_hash_table_contains (ids, hd_post_get_id (post)))
        continue;

      utc = g_date_time_new_from_unix_utc (hd_post_get_scheduled_at (post));
      local = g_date_time_to_timezone (utc, self->zone);
      day = g_date_time_format (local, "%F");
      if (g_strcmp0 (day, last_day) != 0)
        {
          g_autofree char *heading = hd_format_day_heading (local, now);

          append_heading (self->agenda, heading);
          g_free (last_day);
          last_day = g_steal_pointer (&day);
        }
      g_list_store_append (self->agenda, post);
      n_posts++;
    }

  return n_posts;
}

static void
refresh (HdCalendarPage *self)
{
  g_autoptr(GError) error = NULL;
  HdPostFilter filter = { 0 };
  GDate now;
  guint n_posts = 0;
  guint n_shown;
  gint64 from = 0;
  gint64 to = 0;

  if (self->store == NULL || !hd_store_count_posts (self->store, &n_posts, NULL) ||
      (n_posts == 0 && !self->filter_active))
    {
      g_array_set_size (self->entries, 0);
      g_list_store_remove_all (self->agenda);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  today (self, &now);

  if (g_str_equal (self->view, "month"))
    {
      hd_month_view_set_month (self->month_view, self->zone, week_start (self),
                               g_date_get_year (&self->date), g_date_get_month (&self->date));
      hd_month_view_set_today (self->month_view, g_date_get_year (&now),
                               g_date_get_month (&now), g_date_get_day (&now));
      hd_month_view_get_range (self->month_view, &from, &to);
    }
  else if (g_str_equal (self->view, "week"))
    {
      GDate first = first_day_of_week (self);

      hd_week_view_set_today (ensure_week_view (self), g_date_get_year (&now),
                              g_date_get_month (&now), g_date_get_day (&now));
      hd_week_view_set_week (self->week_view, self->zone, g_date_get_year (&first),
                             g_date_get_month (&first), g_date_get_day (&first));
      hd_week_view_get_range (self->week_view, &from, &to);
    }
  else
    {
      get_month_bounds (self, &from, &to);
    }

  fill_filter (self, &filter, from, to);
  if (!hd_store_query_calendar (self->store, &filter, self->entries, &error))
    {
      g_warning ("Could not read the calendar: %s", error->message);
      g_array_set_size (self->entries, 0);
      g_clear_error (&error);
    }

  n_shown = self->entries->len;

  if (g_str_equal (self->view, "month"))
    {
      if (!hd_store_query_flights (self->store, from, to, self->flights, &error))
        {
          g_warning ("Could not read the ad flights: %s", error->message);
          g_array_set_size (self->flights, 0);
        }
      hd_month_view_set_entries (self->month_view, self->entries, self->flights);
    }
  else if (g_str_equal (self->view, "week"))
    {
      hd_week_view_set_entries (self->week_view, self->entries);
    }
  else
    {
      n_shown = rebuild_agenda (self, from, to);
    }

  update_range_label (self, from, to);

  gtk_stack_set_visible_child_name (self->stack, "content");
  if (n_shown == 0 && self->filter_active)
    gtk_stack_set_visible_child_name (self->view_stack, "no-match");
  else if (n_shown == 0 && g_str_equal (self->view, "agenda"))
    gtk_stack_set_visible_child_name (self->view_stack, "agenda-empty");
  else
    gtk_stack_set_visible_child_name (self->view_stack, self->view);
}

static void
reload (HdCalendarPage *self)
{
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = hd_format_shown_zone (self->settings);

  g_clear_pointer (&self->channels, g_hash_table_unref);
  self->channels = hd_channel_map_new (self->store);

  rebuild_filter_popover (self);
  refresh (self);
}

static void
on_store_changed (HdCalendarPage *self,
                  const char     *family)
{
  if (g_strcmp0 (family, HD_STORE_FAMILY_CHANNELS) == 0)
    {
      g_clear_pointer (&self->channels, g_hash_table_unref);
      self->channels = hd_channel_map_new (self->store);
      rebuild_filter_popover (self);
      refresh (self);
    }
  else if (g_strcmp0 (family, HD_STORE_FAMILY_LABELS) == 0 ||
           g_strcmp0 (family, HD_STORE_FAMILY_CAMPAIGNS) == 0)
    {
      rebuild_filter_popover (self);
      refresh (self);
    }
  else if (g_strcmp0 (family, HD_STORE_FAMILY_POSTS) == 0 ||
           g_strcmp0 (family, HD_STORE_FAMILY_AD_SETS) == 0)
    {
      refresh (self);
    }
}

/* Moving and writing posts */

static void
new_post_at (HdCalendarPage *self,
             gint64          instant)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.new-post-at", "x", instant);
}

static void
on_month_day_activated (HdCalendarPage *self,
                        int             year,
                        int             month,
                        int             day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  new_post_at (self, wall_instant (self->zone, &date, NEW_POST_HOUR, 0));
}

static void
on_week_slot_activated (HdCalendarPage *self,
                        gint64          instant)
{
  new_post_at (self, instant);
}

static void
on_post_activated (HdCalendarPage *self,
                   const char     *post_id)
{
  GApplication *app = g_application_get_default ();

  /* Opening a post for editing belongs to the composer, which offers it as an app action. */
  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "edit-post"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "edit-post",
                                    g_variant_new_string (post_id));
}

static gboolean
move_post (HdCalendarPage *self,
           const char     *post_id,
           gint64          instant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *title = NULL;
  gint64 previous = 0;
  AdwToast *toast;

  if (self->store == NULL)
    return FALSE;

  if (!hd_store_reschedule_post (self->store, post_id, instant, NULL, &previous, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }

  if (previous == instant)
    return TRUE;

  utc = g_date_time_new_from_unix_utc (instant);
  local = g_date_time_to_timezone (utc, self->zone);
  /* TRANSLATORS: shown after dragging a post, such as "Moved to Tue 3 Dec, 09:30" */
  title = g_date_time_format (local, _("Moved to %a %-d %b, %H:%M"));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "calendar.undo-move");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sx)", post_id, previous));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  g_clear_object (&self->last_toast);
  self->last_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return TRUE;
}

static void
on_month_move_post (HdCalendarPage *self,
                    const char     *post_id,
                    int             year,
                    int             month,
                    int             day)
{
  GDate date;
  int hour = NEW_POST_HOUR;
  int minute = 0;

  /* A post moved to another day keeps the time of day it had, as the calendar shows it. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      const HdCalendarEntry *entry = &g_array_index (self->entries, HdCalendarEntry, i);

      if (g_str_equal (entry->id, post_id) && entry->scheduled_at != 0)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->scheduled_at);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);

          hour = g_date_time_get_hour (local);
          minute = g_date_time_get_minute (local);
          break;
        }
    }

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  move_post (self, post_id, wall_instant (self->zone, &date, hour, minute));
}

static void
on_week_move_post (HdCalendarPage *self,
                   const char     *post_id,
                   gint64          instant)
{
  move_post (self, post_id, instant);
}

static HdWeekView *
ensure_week_view (HdCalendarPage *self)
{
  GtkWidget *week;

  if (self->week_view != NULL)
    return self->week_view;

  week = hd_week_view_new ();
  gtk_widget_set_vexpand (week, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (week),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Week"),
                                  -1);
  g_signal_connect_object (week, "slot-activated", G_CALLBACK (on_week_slot_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (week, "post-activated", G_CALLBACK (on_post_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (week, "move-post", G_CALLBACK (on_week_move_post), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->view_stack, week, "week");
  self->week_view = HD_WEEK_VIEW (week);

  return self->week_view;
}

static void
on_month_navigate (HdCalendarPage *self,
                   int             year,
                   int             month,
                   int             day)
{
  hd_calendar_page_set_date (self, year, month, day);
  hd_month_view_set_focus_day (self->month_view, year, month, day, TRUE);
}

/* Search */

static void
on_search_changed (HdCalendarPage *self)
{
  _hd_calendar_page_set_search_text (self,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (HdCalendarPage *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed (HdCalendarPage *self)
{
  gboolean enabled = gtk_search_bar_get_search_mode (self->search_bar);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "search");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (enabled));

  if (enabled)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Actions */

static void
step (HdCalendarPage *self,
      int             direction)
{
  GDate date = self->date;

  if (g_str_equal (self->view, "week"))
    {
      if (direction > 0)
        g_date_add_days (&date, 7);
      else
        g_date_subtract_days (&date, 7);
    }
  else
    {
      g_date_set_day (&date, 1);
      if (direction > 0)
        g_date_add_months (&date, 1);
      else
        g_date_subtract_months (&date, 1);
    }

  hd_calendar_page_set_date (self, g_date_get_year (&date), g_date_get_month (&date),
                             g_date_get_day (&date));
}

static void
on_today (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  HdCalendarPage *self = user_data;
  GDate now;

  today (self, &now);
  hd_calendar_page_set_date (self, g_date_get_year (&now), g_date_get_month (&now),
                             g_date_get_day (&now));
  if (g_str_equal (self->view, "month"))
    hd_month_view_set_focus_day (self->month_view, g_date_get_year (&now),
                                 g_date_get_month (&now), g_date_get_day (&now),
                                 gtk_widget_get_mapped (GTK_WIDGET (self->month_view)));
}

static void
on_previous (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  step (user_data, -1);
}

static void
on_next (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  step (user_data, 1);
}

static void
on_change_view (GSimpleAction *action,
                GVariant      *value,
                gpointer       user_data)
{
  hd_calendar_page_set_view (user_data, g_variant_get_string (value, NULL));
}

static void
on_change_search (GSimpleAction *action,
                  GVariant      *value,
                  gpointer       user_data)
{
  HdCalendarPage *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, g_variant_get_boolean (value));
  g_simple_action_set_state (action, value);
}

static void
on_filter (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  HdCalendarPage *self = user_data;
  GtkWidget *parent = gtk_widget_get_parent (self->filter_popover);

  if (parent != NULL && gtk_widget_get_mapped (parent))
    gtk_popover_popup (GTK_POPOVER (self->filter_popover));
}

static void
on_clear_filters (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  clear_filters (user_data);
}

static void
on_undo_move (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HdCalendarPage *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *post_id = NULL;
  gint64 instant = 0;

  g_variant_get (parameter, "(&sx)", &post_id, &instant);

  if (self->store != NULL &&
      !hd_store_reschedule_post (self->store, post_id, instant, NULL, NULL, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static const GActionEntry page_actions[] = {
  { "view", NULL, "s", "'month'", on_change_view },
  { "today", on_today },
  { "previous", on_previous },
  { "next", on_next },
  { "search", NULL, NULL, "false", on_change_search },
  { "filter", on_filter },
  { "clear-filters", on_clear_filters },
  { "undo-move", on_undo_move, "(sx)" },
};

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action,
              GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* Public API */

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

  /* Filters name channels, labels and campaigns of the store they were chosen in. */
  g_ptr_array_set_size (self->filter_channels, 0);
  g_ptr_array_set_size (self->filter_labels, 0);
  g_clear_pointer (&self->filter_campaign, g_free);
  self->filter_active = compute_filter_active (self);

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

const char *
hd_calendar_page_get_view (HdCalendarPage *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_PAGE (self), NULL);

  return self->view;
}

void
hd_calendar_page_set_view (HdCalendarPage *self,
                           const char     *view)
{
  GAction *action;

  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (view != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      if (!g_str_equal (view_names[i], view))
        continue;
      if (self->view == view_names[i])
        return;

      self->view = view_names[i];
      action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "view");
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (self->view));
      refresh (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
      return;
    }

  g_warning ("No calendar view called “%s”", view);
}

void
hd_calendar_page_get_date (HdCalendarPage *self,
                           int            *year,
                           int            *month,
                           int            *day)
{
  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));

  if (year != NULL)
    *year = g_date_get_year (&self->date);
  if (month != NULL)
    *month = g_date_get_month (&self->date);
  if (day != NULL)
    *day = g_date_get_day (&self->date);
}

void
hd_calendar_page_set_date (HdCalendarPage *self,
                           int             year,
                           int             month,
                           int             day)
{
  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_set_dmy (&self->date, day, month, year);
  refresh (self);
}

void
hd_calendar_page_get_range (HdCalendarPage *self,
                            gint64         *from,
                            gint64         *to)
{
  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));

  if (g_str_equal (self->view, "month"))
    hd_month_view_get_range (self->month_view, from, to);
  else if (g_str_equal (self->view, "week"))
    hd_week_view_get_range (ensure_week_view (self), from, to);
  else
    {
      gint64 f;
      gint64 t;

      get_month_bounds (self, &f, &t);
      if (from != NULL)
        *from = f;
      if (to != NULL)
        *to = t;
    }
}

GActionGroup *
hd_calendar_page_get_action_group (HdCalendarPage *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_PAGE (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

GtkWidget *
hd_calendar_page_get_filter_popover (HdCalendarPage *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_PAGE (self), NULL);

  return self->filter_popover;
}

gboolean
hd_calendar_page_get_filter_active (HdCalendarPage *self)
{
  g_return_val_if_fail (HD_IS_CALENDAR_PAGE (self), FALSE);

  return self->filter_active;
}

void
hd_calendar_page_set_header_controls (HdCalendarPage *self,
                                      gboolean        navigation,
                                      gboolean        tools,
                                      gboolean        views)
{
  g_return_if_fail (HD_IS_CALENDAR_PAGE (self));

  gtk_widget_set_visible (self->nav_box, !navigation);
  gtk_widget_set_visible (self->view_menu_button, !views);

  if (tools == !gtk_widget_get_visible (self->tools_box))
    return;

  gtk_widget_set_visible (self->tools_box, !tools);
  if (tools)
    gtk_menu_button_set_popover (self->filter_button, NULL);
  else if (gtk_widget_get_parent (self->filter_popover) == NULL)
    gtk_menu_button_set_popover (self->filter_button, self->filter_popover);
}

/* Private API */

HdMonthView *
_hd_calendar_page_get_month_view (HdCalendarPage *self)
{
  return self->month_view;
}

HdWeekView *
_hd_calendar_page_get_week_view (HdCalendarPage *self)
{
  return ensure_week_view (self);
}

const char *
_hd_calendar_page_get_shown (HdCalendarPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    return "empty";

  return gtk_stack_get_visible_child_name (self->view_stack);
}

AdwToast *
_hd_calendar_page_get_last_toast (HdCalendarPage *self)
{
  return self->last_toast;
}

void
_hd_calendar_page_set_state_filter (HdCalendarPage *self,
                                    HdPostState     state,
                                    gboolean        shown)
{
  GtkWidget *check;

  if (shown)
    self->state_mask |= 1u << state;
  else
    self->state_mask &= ~(1u << state);

  check = find_check (self, "state", hd_enum_to_nick (HD_TYPE_POST_STATE, state));
  if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) != shown)
    {
      self->rebuilding_filters = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), shown);
      self->rebuilding_filters = FALSE;
    }
  filters_changed (self);
}

void
_hd_calendar_page_set_channel_filter (HdCalendarPage *self,
                                      const char     *channel_id,
                                      gboolean        shown)
{
  set_string (self->filter_channels, channel_id, shown);
  filters_changed (self);
}

void
_hd_calendar_page_set_label_filter (HdCalendarPage *self,
                                    const char     *label,
                                    gboolean        shown)
{
  set_string (self->filter_labels, label, shown);
  filters_changed (self);
}

void
_hd_calendar_page_set_campaign_filter (HdCalendarPage *self,
                                       const char     *campaign_id)
{
  g_free (self->filter_campaign);
  self->filter_campaign = g_strdup (campaign_id);
  filters_changed (self);
}

void
_hd_calendar_page_set_search_text (HdCalendarPage *self,
                                   const char     *text)
{
  if (g_strcmp0 (self->search_text ?: "", text ?: "") == 0)
    return;

  g_free (self->search_text);
  self->search_text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  filters_changed (self);
}

GtkWidget *
_hd_calendar_page_get_filter_check (HdCalendarPage *self,
                                    const char     *kind,
                                    const char     *value)
{
  return find_check (self, kind, value);
}

GPtrArray *
_hd_calendar_page_get_day_post_ids (HdCalendarPage *self,
                                    int             year,
                                    int             month,
                                    int             day)
{
  g_autoptr(GPtrArray) chips = hd_month_view_get_day_chips (self->month_view, year, month, day);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; chips != NULL && i < chips->len; i++)
    {
      GtkWidget *chip = g_ptr_array_index (chips, i);

      if (gtk_widget_get_mapped (chip) && gtk_widget_get_child_visible (chip))
        g_ptr_array_add (ids, g_strdup (hd_calendar_chip_get_post_id (HD_CALENDAR_CHIP (chip))));
    }

  return ids;
}

gboolean
_hd_calendar_page_drop_on_day (HdCalendarPage *self,
                               const char     *post_id,
                               int             year,
                               int             month,
                               int             day)
{
  GtkWidget *target = hd_month_view_get_day_widget (self->month_view, year, month, day);
  graphene_rect_t bounds;

  if (target == NULL ||
      !gtk_widget_compute_bounds (target, GTK_WIDGET (self->month_view), &bounds))
    return FALSE;

  return hd_month_view_drop (self->month_view, post_id,
                             bounds.origin.x + bounds.size.width / 2,
                             bounds.origin.y + bounds.size.height / 2);
}

GPtrArray *
_hd_calendar_page_get_agenda_post_ids (HdCalendarPage *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->agenda), i);

      if (HD_IS_POST (item))
        g_ptr_array_add (ids, g_strdup (hd_post_get_id (HD_POST (item))));
    }

  return ids;
}

/* Agenda rows */

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

/* GObject */

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

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    case PROP_FILTER_ACTIVE:
      g_value_set_boolean (value, self->filter_active);
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

    case PROP_VIEW:
      hd_calendar_page_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_calendar_page_dispose (GObject *object)
{
  HdCalendarPage *self = HD_CALENDAR_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  /* The popover may have been handed to a button of the header, which then owns it. */
  if (self->filter_popover != NULL)
    {
      if (gtk_widget_get_parent (self->filter_popover) != NULL &&
          GTK_IS_MENU_BUTTON (gtk_widget_get_parent (self->filter_popover)))
        gtk_menu_button_set_popover (GTK_MENU_BUTTON (gtk_widget_get_parent (self->filter_popover)),
                                     NULL);
      g_clear_object (&self->filter_popover);
    }

  g_clear_object (&self->agenda);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_object (&self->last_toast);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_calendar_page_parent_class)->dispose (object);
}

static void
hd_calendar_page_finalize (GObject *object)
{
  HdCalendarPage *self = HD_CALENDAR_PAGE (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->flights, g_array_unref);
  g_clear_pointer (&self->filter_channels, g_ptr_array_unref);
  g_clear_pointer (&self->filter_labels, g_ptr_array_unref);
  g_clear_pointer (&self->filter_campaign, g_free);
  g_clear_pointer (&self->search_text, g_free);

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

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "month",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FILTER_ACTIVE] =
    g_param_spec_boolean ("filter-active", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_MONTH_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/calendar/hd-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, empty_status_page);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, agenda_empty_page);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, nav_box);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, tools_box);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, view_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, view_menu);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, HdCalendarPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_month_day_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_post_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_month_move_post);
  gtk_widget_class_bind_template_callback (widget_class, on_month_navigate);
}

/* The view menu shows only in a narrow window: its popover is built when first opened. */
static void
build_view_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  HdCalendarPage *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->view_menu);
}

static void
build_filter_popover (HdCalendarPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "hd-filter-box");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 440);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  self->filter_popover = g_object_ref_sink (gtk_popover_new ());
  gtk_popover_set_child (GTK_POPOVER (self->filter_popover), scrolled);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_popover),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter posts"),
                                  -1);
  self->filter_box = GTK_BOX (box);
}

static void
hd_calendar_page_init (HdCalendarPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *shortcuts;
  GDate now;

  gtk_widget_init_template (GTK_WIDGET (self));

  hd_status_page_set_icon_when_shown (self->empty_status_page, "x-office-calendar-symbolic");
  hd_status_page_set_icon_when_shown (self->no_match_page, "edit-find-symbolic");
  hd_status_page_set_icon_when_shown (self->agenda_empty_page, "x-office-calendar-symbolic");

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->view_menu_button),
                                         build_view_menu_cb, self, NULL);
  self->view = view_names[0];
  self->zone = g_time_zone_new_local ();
  self->entries = g_array_new (FALSE, FALSE, sizeof (HdCalendarEntry));
  self->flights = g_array_new (FALSE, FALSE, sizeof (HdCalendarFlight));
  /* Null-terminated, so each reads as the string vector the filter takes. */
  self->filter_channels = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->filter_labels = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->agenda = g_list_store_new (G_TYPE_OBJECT);

  today (self, &now);
  self->date = now;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "calendar", G_ACTION_GROUP (self->actions));

  /* Global to the window, but only while the calendar is on screen. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>t", "calendar.today", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>Left", "calendar.previous", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>Right", "calendar.next", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>1", "calendar.view",
                g_variant_new_string ("month"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>2", "calendar.view",
                g_variant_new_string ("week"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Alt>3", "calendar.view",
                g_variant_new_string ("agenda"));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>f", "calendar.search", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>f", "calendar.filter",
                NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);

  build_filter_popover (self);
  rebuild_filter_popover (self);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->agenda)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  refresh (self);
}
