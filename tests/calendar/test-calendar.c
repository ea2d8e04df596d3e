/* test-calendar.c: the month, week and agenda views, as a user drives them.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include "hd-application.h"
#include "hd-core.h"
#include "hd-store-calendar.h"
#include "hd-window.h"
#include "calendar/hd-calendar-chip.h"
#include "calendar/hd-calendar-page-private.h"

static HdApplication *app;

typedef struct
{
  HdWindow       *window;
  HdCalendarPage *page;
  HdMonthView    *month;
  HdWeekView     *week;
  HdStore        *store;
  HdChannel      *mastodon;
  HdChannel      *bluesky;
  GTimeZone      *london;
} Fixture;

static void
iterate (void)
{
  /* Let layout, mapping and idle handlers run, as the main loop would between frames. */
  for (guint i = 0; i < 8; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

static gint64
london (Fixture *fixture,
        int      year,
        int      month,
        int      day,
        int      hour,
        int      minute)
{
  g_autoptr(GDateTime) when = g_date_time_new (fixture->london, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (when);
}

static HdChannel *
add_channel (HdStore       *store,
             HdChannelKind  kind,
             const char    *name)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, name);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  return channel;
}

static HdPost *
add_post (Fixture     *fixture,
          const char  *text,
          gint64       instant,
          HdPostState  state,
          HdChannel   *channel,
          const char  *label)
{
  g_autoptr(GError) error = NULL;
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, state);
  hd_post_set_scheduled_at (post, instant);
  hd_post_set_time_zone (post, "Europe/London");
  if (channel != NULL)
    {
      g_autoptr(HdVariant) variant = hd_variant_new ();

      hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
      hd_post_add_variant (post, variant);
    }
  if (label != NULL)
    {
      const char *labels[] = { label, NULL };

      hd_post_set_labels (post, labels);
    }
  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);

  return post;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = hd_application_get_settings (app);

  g_settings_reset (settings, "workspace");
  g_settings_reset (settings, "week-starts-on");
  g_settings_reset (settings, "time-zone");
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 740);
  hd_application_open_workspace (app, HD_WORKSPACE_OWN);

  fixture->store = hd_application_get_store (app);
  g_assert_nonnull (fixture->store);
  fixture->london = g_time_zone_new_identifier ("Europe/London");
  fixture->mastodon = add_channel (fixture->store, HD_CHANNEL_KIND_MASTODON, "Bakery on Mastodon");
  fixture->bluesky = add_channel (fixture->store, HD_CHANNEL_KIND_BLUESKY, "Bakery on Bluesky");

  fixture->window = hd_window_new (app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();

  fixture->page = HD_CALENDAR_PAGE (hd_window_get_page (fixture->window, "calendar"));
  fixture->month = _hd_calendar_page_get_month_view (fixture->page);
  fixture->week = _hd_calendar_page_get_week_view (fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer weak = fixture->window;
  g_autoptr(GListModel) posts = NULL;

  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  g_assert_null (weak);

  /* The next test starts from an empty workspace. */
  posts = hd_store_list_posts (fixture->store, 0, G_MAXINT64, NULL);
  while (g_list_model_get_n_items (posts) > 0)
    {
      g_autoptr(HdPost) post = g_list_model_get_item (posts, 0);

      g_assert_true (hd_store_delete_post (fixture->store, hd_post_get_id (post), NULL));
    }
  hd_store_delete_channel (fixture->store, hd_channel_get_id (fixture->mastodon), NULL);
  hd_store_delete_channel (fixture->store, hd_channel_get_id (fixture->bluesky), NULL);

  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  g_clear_pointer (&fixture->london, g_time_zone_unref);
}

static void
show (Fixture    *fixture,
      const char *view,
      int         year,
      int         month,
      int         day)
{
  hd_calendar_page_set_view (fixture->page, view);
  hd_calendar_page_set_date (fixture->page, year, month, day);
  iterate ();
}

static gboolean
day_shows (Fixture    *fixture,
           int         day,
           HdPost     *post)
{
  g_autoptr(GPtrArray) chips = hd_month_view_get_day_chips (fixture->month, 2026, 3, day);

  for (guint i = 0; i < chips->len; i++)
    {
      HdCalendarChip *chip = g_ptr_array_index (chips, i);

      if (g_strcmp0 (hd_calendar_chip_get_post_id (chip), hd_post_get_id (post)) == 0)
        return gtk_widget_get_mapped (GTK_WIDGET (chip)) &&
               gtk_widget_get_child_visible (GTK_WIDGET (chip));
    }

  return FALSE;
}

static guint
day_count (Fixture *fixture,
           int      day)
{
  g_autoptr(GPtrArray) chips = hd_month_view_get_day_chips (fixture->month, 2026, 3, day);

  return chips->len + hd_month_view_get_day_more (fixture->month, 2026, 3, day);
}

static void
test_month_chips (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdPost) tuesday = add_post (fixture, "Fresh sourdough on Tuesday",
                                        london (fixture, 2026, 3, 3, 10, 0),
                                        HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(HdPost) thursday = add_post (fixture, "Open late on Thursday",
                                         london (fixture, 2026, 3, 5, 14, 30),
                                         HD_POST_STATE_DRAFT, fixture->bluesky, NULL);
  g_autoptr(GPtrArray) busy = NULL;
  GtkWidget *more;
  g_autofree char *more_label = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = g_strdup_printf ("Market day post %u", i);
      g_autoptr(HdPost) post = add_post (fixture, text, london (fixture, 2026, 3, 10, 8 + i, 0),
                                         HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
    }

  show (fixture, "month", 2026, 3, 1);
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "month");

  g_assert_true (day_shows (fixture, 3, tuesday));
  g_assert_false (day_shows (fixture, 4, tuesday));
  g_assert_true (day_shows (fixture, 5, thursday));
  g_assert_cmpuint (day_count (fixture, 3), ==, 1);
  g_assert_cmpuint (day_count (fixture, 4), ==, 0);

  /* A day with more than fits shows what it can and counts the rest. */
  busy = hd_month_view_get_day_chips (fixture->month, 2026, 3, 10);
  g_assert_cmpuint (busy->len, >=, 1);
  g_assert_cmpuint (hd_month_view_get_day_more (fixture->month, 2026, 3, 10), >, 0);
  g_assert_cmpuint (day_count (fixture, 10), ==, 12);
  more = hd_month_view_get_more_button (fixture->month, 2026, 3, 10);
  g_assert_true (gtk_widget_get_mapped (more));
  more_label = g_strdup_printf ("+%u more",
                                hd_month_view_get_day_more (fixture->month, 2026, 3, 10));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (more)), ==, more_label);

  /* The chip says what the post is. */
  g_assert_cmpstr (hd_calendar_chip_get_excerpt (g_ptr_array_index (busy, 0)), ==,
                   "Market day post 0");
}

static void
test_month_pool (Fixture       *fixture,
                 gconstpointer  data)
{
  guint high_water;

  for (guint day = 1; day <= 28; day++)
    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(HdPost) march = add_post (fixture, "March",
                                            london (fixture, 2026, 3, day, 9 + i, 0),
                                            HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
        g_autoptr(HdPost) april = add_post (fixture, "April",
                                            london (fixture, 2026, 4, day, 9 + i, 0),
                                            HD_POST_STATE_DRAFT, fixture->bluesky, NULL);
      }

  show (fixture, "month", 2026, 3, 1);
  show (fixture, "month", 2026, 4, 1);
  show (fixture, "month", 2026, 3, 1);
  high_water = hd_month_view_get_pool_size (fixture->month);

  /* Fewer widgets than posts: a chip per visible slot, not per post. */
  g_assert_cmpuint (high_water, >, 0);
  g_assert_cmpuint (high_water, <, 2 * 28 * 5);

  for (guint i = 0; i < 10; i++)
    {
      show (fixture, "month", 2026, 4, 1);
      g_assert_cmpuint (day_count (fixture, 10), ==, 0);
      show (fixture, "month", 2026, 3, 1);
      g_assert_cmpuint (day_count (fixture, 10), ==, 5);
      g_assert_cmpuint (hd_month_view_get_pool_size (fixture->month), ==, high_water);
    }
}

static void
test_week_hour (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HdPost) post = add_post (fixture, "Afternoon tea", london (fixture, 2026, 3, 4, 15, 30),
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  GtkAdjustment *adjustment;
  int day = -1;
  int hour = -1;

  show (fixture, "week", 2026, 3, 4);
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "week");

  /* Placed once the view has laid the week out, which a loaded machine may take a while to
   * do. */
  for (guint i = 0; i < 250 && !hd_week_view_find_post (fixture->week, hd_post_get_id (post),
                                                         &day, &hour); i++)
    wait_ms (20);
  g_assert_true (hd_week_view_find_post (fixture->week, hd_post_get_id (post), &day, &hour));
  g_assert_cmpint (day, ==, 2); /* Monday 2 March starts the week */
  g_assert_cmpint (hour, ==, 15);

  /* The working day is in sight without scrolling. */
  adjustment = hd_week_view_get_vadjustment (fixture->week);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=,
                     7 * hd_week_view_get_hour_height (fixture->week));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <=,
                     9 * hd_week_view_get_hour_height (fixture->week));
}

static void
test_navigation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdPost) post = add_post (fixture, "Anything", london (fixture, 2026, 3, 4, 15, 30),
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now (fixture->london);
  gint64 from;
  gint64 to;
  int year;
  int month;

  show (fixture, "month", 2026, 3, 15);
  hd_calendar_page_get_range (fixture->page, &from, &to);
  g_assert_cmpint (from, ==, london (fixture, 2026, 2, 23, 0, 0));
  g_assert_cmpint (to, ==, london (fixture, 2026, 4, 6, 0, 0));

  /* The header's buttons act on the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.next", NULL));
  iterate ();
  hd_calendar_page_get_date (fixture->page, &year, &month, NULL);
  g_assert_cmpint (month, ==, 4);
  hd_calendar_page_get_range (fixture->page, &from, NULL);
  g_assert_cmpint (from, ==, london (fixture, 2026, 3, 30, 0, 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.previous",
                                             NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.previous",
                                             NULL));
  iterate ();
  hd_calendar_page_get_date (fixture->page, &year, &month, NULL);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.today", NULL));
  iterate ();
  hd_calendar_page_get_range (fixture->page, &from, &to);
  g_assert_cmpint (from, <=, g_date_time_to_unix (now));
  g_assert_cmpint (to, >, g_date_time_to_unix (now));

  /* A week steps by seven days. */
  show (fixture, "week", 2026, 3, 4);
  hd_calendar_page_get_range (fixture->page, &from, &to);
  g_assert_cmpint (from, ==, london (fixture, 2026, 3, 2, 0, 0));
  g_assert_cmpint (to, ==, london (fixture, 2026, 3, 9, 0, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.next", NULL);
  iterate ();
  hd_calendar_page_get_range (fixture->page, &from, NULL);
  g_assert_cmpint (from, ==, london (fixture, 2026, 3, 9, 0, 0));

  /* The view switcher's action switches views. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.view", "s", "agenda");
  iterate ();
  g_assert_cmpstr (hd_calendar_page_get_view (fixture->page), ==, "agenda");
}

static gboolean
press_key (Fixture *fixture,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->month));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  iterate ();

  return handled;
}

static void
assert_focus (Fixture *fixture,
              int      year,
              int      month,
              int      day)
{
  int y;
  int m;
  int d;

  hd_month_view_get_focus_day (fixture->month, &y, &m, &d);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, day);
}

static void
on_new_post_at (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  *(gint64 *) user_data = g_variant_get_int64 (parameter);
}

static GSimpleAction *
capture_new_post_at (gint64 *instant)
{
  GSimpleAction *action = g_simple_action_new ("new-post-at", G_VARIANT_TYPE_INT64);

  g_signal_connect (action, "activate", G_CALLBACK (on_new_post_at), instant);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));

  return action;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(HdPost) post = add_post (fixture, "Anything", london (fixture, 2026, 3, 18, 15, 30),
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(GSimpleAction) action = NULL;
  gint64 instant = 0;
  int month;

  show (fixture, "month", 2026, 3, 1);
  hd_month_view_set_focus_day (fixture->month, 2026, 3, 10, TRUE);
  iterate ();
  g_assert_true (gtk_widget_has_focus (hd_month_view_get_day_widget (fixture->month, 2026, 3, 10)));

  g_assert_true (press_key (fixture, GDK_KEY_Right));
  assert_focus (fixture, 2026, 3, 11);
  g_assert_true (gtk_widget_has_focus (hd_month_view_get_day_widget (fixture->month, 2026, 3, 11)));
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  assert_focus (fixture, 2026, 3, 18);
  g_assert_true (press_key (fixture, GDK_KEY_Left));
  assert_focus (fixture, 2026, 3, 17);

  /* Enter on an empty day writes a post there, at nine in the morning. */
  action = capture_new_post_at (&instant);
  g_assert_true (press_key (fixture, GDK_KEY_Return));
  g_assert_cmpint (instant, ==, london (fixture, 2026, 3, 17, 9, 0));

  /* Up past the first week of the grid goes to the month before. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (press_key (fixture, GDK_KEY_Up));
  assert_focus (fixture, 2026, 2, 24);
  hd_calendar_page_get_date (fixture->page, NULL, &month, NULL);
  g_assert_cmpint (month, ==, 3);
  g_assert_true (press_key (fixture, GDK_KEY_Up));
  assert_focus (fixture, 2026, 2, 17);
  hd_calendar_page_get_date (fixture->page, NULL, &month, NULL);
  g_assert_cmpint (month, ==, 2);
  g_assert_true (gtk_widget_has_focus (hd_month_view_get_day_widget (fixture->month, 2026, 2, 17)));

  g_action_map_remove_action (G_ACTION_MAP (app), "new-post-at");
}

static void
test_reschedule_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 before = london (fixture, 2026, 3, 3, 9, 30);
  g_autoptr(HdPost) post = add_post (fixture, "Hot cross buns", before,
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *target;
  graphene_rect_t bounds;
  AdwToast *toast;
  GtkWidget *grid;
  double x;
  double y;

  show (fixture, "month", 2026, 3, 1);
  g_assert_true (day_shows (fixture, 3, post));

  /* Dropped on the 30th, after the clocks go forward: still half past nine. */
  target = hd_month_view_get_day_widget (fixture->month, 2026, 3, 30);
  g_assert_true (gtk_widget_compute_bounds (target, GTK_WIDGET (fixture->month), &bounds));
  g_assert_true (hd_month_view_drop (fixture->month, hd_post_get_id (post),
                                     bounds.origin.x + bounds.size.width / 2,
                                     bounds.origin.y + bounds.size.height / 2));
  iterate ();

  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (loaded), ==, london (fixture, 2026, 3, 30, 9, 30));
  g_assert_cmpint (hd_post_get_scheduled_at (loaded) - before, ==, 27 * 86400 - 3600);
  g_assert_true (day_shows (fixture, 30, post));
  g_assert_false (day_shows (fixture, 3, post));

  toast = _hd_calendar_page_get_last_toast (fixture->page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Moved to Mon 30 Mar, 09:30");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* Undo puts it back where it was. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  iterate ();
  g_clear_object (&loaded);
  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (loaded), ==, before);
  g_assert_true (day_shows (fixture, 3, post));

  /* In the week, a drop on an hour keeps the minutes. */
  show (fixture, "week", 2026, 3, 2);
  grid = hd_week_view_get_grid (fixture->week);
  x = hd_week_view_get_gutter_width (fixture->week) +
      (gtk_widget_get_width (grid) - hd_week_view_get_gutter_width (fixture->week)) * 2.5 / 7;
  y = hd_week_view_get_hour_height (fixture->week) * 14.5;
  g_assert_true (hd_week_view_drop (fixture->week, hd_post_get_id (post), x, y));
  iterate ();
  g_clear_object (&loaded);
  loaded = hd_store_load_post (fixture->store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (loaded), ==, london (fixture, 2026, 3, 4, 14, 30));
  g_assert_cmpstr (adw_toast_get_title (_hd_calendar_page_get_last_toast (fixture->page)), ==,
                   "Moved to Wed 4 Mar, 14:30");
}

static void
toggle_check (Fixture    *fixture,
              const char *kind,
              const char *value,
              gboolean    active)
{
  GtkWidget *check = _hd_calendar_page_get_filter_check (fixture->page, kind, value);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  iterate ();
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(HdPost) bread = add_post (fixture, "Fresh SOURDOUGH on Saturday",
                                      london (fixture, 2026, 3, 5, 10, 0),
                                      HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(HdPost) menu = add_post (fixture, "Spring menu tasting",
                                     london (fixture, 2026, 3, 6, 12, 0),
                                     HD_POST_STATE_DRAFT, fixture->bluesky, "menu");
  GtkWidget *entry;

  show (fixture, "month", 2026, 3, 1);
  g_assert_true (day_shows (fixture, 5, bread));
  g_assert_true (day_shows (fixture, 6, menu));
  g_assert_false (hd_calendar_page_get_filter_active (fixture->page));

  /* State, through the popover's check buttons. */
  toggle_check (fixture, "state", "draft", TRUE);
  g_assert_true (hd_calendar_page_get_filter_active (fixture->page));
  g_assert_false (day_shows (fixture, 5, bread));
  g_assert_true (day_shows (fixture, 6, menu));
  toggle_check (fixture, "state", "draft", FALSE);
  g_assert_true (day_shows (fixture, 5, bread));

  /* Channel. */
  toggle_check (fixture, "channel", hd_channel_get_id (fixture->mastodon), TRUE);
  g_assert_true (day_shows (fixture, 5, bread));
  g_assert_false (day_shows (fixture, 6, menu));
  toggle_check (fixture, "channel", hd_channel_get_id (fixture->mastodon), FALSE);

  /* Label. */
  toggle_check (fixture, "label", "menu", TRUE);
  g_assert_false (day_shows (fixture, 5, bread));
  g_assert_true (day_shows (fixture, 6, menu));
  toggle_check (fixture, "label", "menu", FALSE);
  g_assert_false (hd_calendar_page_get_filter_active (fixture->page));

  /* Search, whatever the case, through the search bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.search",
                                             NULL));
  iterate ();
  entry = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "sourdough");
  wait_ms (400);
  g_assert_true (hd_calendar_page_get_filter_active (fixture->page));
  g_assert_true (day_shows (fixture, 5, bread));
  g_assert_false (day_shows (fixture, 6, menu));

  /* Nothing left: say so, and offer the way out. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "croissant");
  wait_ms (400);
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "no-match");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.clear-filters",
                                             NULL));
  iterate ();
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "month");
  g_assert_false (hd_calendar_page_get_filter_active (fixture->page));
  g_assert_true (day_shows (fixture, 5, bread));
  g_assert_true (day_shows (fixture, 6, menu));

  /* The agenda follows the same filters. */
  show (fixture, "agenda", 2026, 3, 1);
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "agenda");
  _hd_calendar_page_set_search_text (fixture->page, "croissant");
  iterate ();
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "no-match");
  _hd_calendar_page_set_search_text (fixture->page, NULL);
}

static void
test_flights (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(HdPost) post = add_post (fixture, "Anything", london (fixture, 2026, 3, 4, 15, 30),
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(GError) error = NULL;

  hd_campaign_set_name (campaign, "Spring sale");
  hd_campaign_set_objective (campaign, "OUTCOME_SALES");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);
  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Weekend");
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_starts_at (ad_set, london (fixture, 2026, 3, 9, 0, 0));
  hd_ad_set_set_ends_at (ad_set, london (fixture, 2026, 3, 12, 0, 0));
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_store_save_ad_set (fixture->store, ad_set, &error);
  g_assert_no_error (error);

  show (fixture, "month", 2026, 3, 1);

  for (int day = 7; day <= 13; day++)
    {
      g_autoptr(GPtrArray) names = hd_month_view_get_day_flights (fixture->month, 2026, 3, day);

      if (day >= 9 && day <= 11)
        {
          g_assert_cmpuint (names->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Spring sale · Weekend");
        }
      else
        {
          g_assert_cmpuint (names->len, ==, 0);
        }
    }

  g_assert_true (hd_store_delete_campaign (fixture->store, hd_campaign_get_id (campaign), NULL));
}

static void
test_new_post_at (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdPost) post = add_post (fixture, "Anything", london (fixture, 2026, 3, 4, 15, 30),
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  g_autoptr(GSimpleAction) action = NULL;
  gint64 instant = 0;

  action = capture_new_post_at (&instant);

  show (fixture, "month", 2026, 3, 1);
  g_signal_emit_by_name (hd_month_view_get_day_widget (fixture->month, 2026, 3, 20), "clicked");
  iterate ();
  g_assert_cmpint (instant, ==, london (fixture, 2026, 3, 20, 9, 0));

  /* After the clocks change, nine is still nine. */
  g_signal_emit_by_name (hd_month_view_get_day_widget (fixture->month, 2026, 3, 31), "clicked");
  iterate ();
  g_assert_cmpint (instant, ==, london (fixture, 2026, 3, 31, 9, 0));

  show (fixture, "week", 2026, 3, 4);
  g_signal_emit_by_name (hd_week_view_get_slot (fixture->week, 4, 16), "clicked");
  iterate ();
  g_assert_cmpint (instant, ==, london (fixture, 2026, 3, 6, 16, 0));

  g_action_map_remove_action (G_ACTION_MAP (app), "new-post-at");
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdPost) post = add_post (fixture, "Anything", london (fixture, 2026, 3, 4, 15, 30),
                                     HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  GtkWidget *header;
  int minimum;

  /* The page and the header above it both fit a phone, whichever view is shown. Other pages
   * share the stack, so each is measured on its own. */
  header = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (fixture->page)));
  header = gtk_widget_get_first_child (header);
  g_assert_true (ADW_IS_HEADER_BAR (header));
  for (guint i = 0; i < 3; i++)
    {
      static const char *views[] = { "month", "week", "agenda" };

      show (fixture, views[i], 2026, 3, 1);
      gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                          NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("The %s view needs %d px", views[i], minimum);
      gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("The header of the %s view needs %d px", views[i], minimum);
    }

  /* A phone-sized month counts the posts of a day instead of listing them. */
  show (fixture, "month", 2026, 3, 1);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  for (guint i = 0; i < 50 && gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 400; i++)
    iterate ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "calendar");
  wait_ms (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->month)), <=, 400);
  g_assert_cmpuint (day_count (fixture, 4), ==, 1);
  g_assert_cmpuint (hd_month_view_get_day_more (fixture->month, 2026, 3, 4), ==, 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (hd_month_view_get_more_button (fixture->month,
                                                                                    2026, 3, 4))),
                   ==, "1");
}

static HdCalendarEntry
scheduled_entry (guint32 channel_kinds,
                 gint64  instant)
{
  HdCalendarEntry entry = { .state = HD_POST_STATE_SCHEDULED };

  entry.channel_kinds = channel_kinds;
  entry.scheduled_at = instant;

  return entry;
}

static HdCalendarChip *
find_chip (Fixture    *fixture,
           GDateTime  *day,
           HdPost     *post)
{
  g_autoptr(GPtrArray) chips = hd_month_view_get_day_chips (fixture->month,
                                                            g_date_time_get_year (day),
                                                            g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day));

  for (guint i = 0; i < chips->len; i++)
    if (g_strcmp0 (hd_calendar_chip_get_post_id (g_ptr_array_index (chips, i)),
                   hd_post_get_id (post)) == 0)
      return g_ptr_array_index (chips, i);

  return NULL;
}

static void
test_needs_herald (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint32 mastodon = 1u << HD_CHANNEL_KIND_MASTODON;
  const guint32 bluesky = 1u << HD_CHANNEL_KIND_BLUESKY;
  const guint32 facebook = 1u << HD_CHANNEL_KIND_FACEBOOK_PAGE;
  const gint64 now = 1798714800; /* 2026-12-31 11:00 UTC */
  const gint64 day = 24 * 60 * 60;
  HdCalendarEntry entry;
  g_autoptr(GDateTime) soon = NULL;
  g_autoptr(GDateTime) morning = NULL;
  g_autoptr(HdPost) by_herald = NULL;
  g_autoptr(HdPost) by_mastodon = NULL;
  g_autoptr(HdPost) draft = NULL;
  HdCalendarChip *chip;

  /* Mastodon holds a post for later; Bluesky has nobody but Herald to send it. */
  entry = scheduled_entry (mastodon, now + 2 * day);
  g_assert_false (hd_calendar_entry_needs_herald (&entry, now));
  entry = scheduled_entry (bluesky, now + 2 * day);
  g_assert_true (hd_calendar_entry_needs_herald (&entry, now));
  entry = scheduled_entry (mastodon | bluesky, now + 2 * day);
  g_assert_true (hd_calendar_entry_needs_herald (&entry, now));
  /* Too soon for the platform to take it: Herald sends it at its time. */
  entry = scheduled_entry (mastodon, now + 2 * 60);
  g_assert_true (hd_calendar_entry_needs_herald (&entry, now));
  entry = scheduled_entry (facebook, now + 5 * 60);
  g_assert_true (hd_calendar_entry_needs_herald (&entry, now));
  /* Beyond Facebook's 30 days today, but handed over once it comes within them. */
  entry = scheduled_entry (facebook, now + 40 * day);
  g_assert_false (hd_calendar_entry_needs_herald (&entry, now));
  /* Its time passed while Herald was away: only Herald can still send it. */
  entry = scheduled_entry (mastodon, now - 60);
  g_assert_true (hd_calendar_entry_needs_herald (&entry, now));
  /* Nothing is sent for a draft. */
  entry = scheduled_entry (bluesky, now + 2 * day);
  entry.state = HD_POST_STATE_DRAFT;
  g_assert_false (hd_calendar_entry_needs_herald (&entry, now));

  /* In the month, at the usual window width, the chip has room for the computer. */
  soon = g_date_time_new_now (fixture->london);
  morning = g_date_time_add_days (soon, 3);
  g_clear_pointer (&soon, g_date_time_unref);
  soon = g_date_time_new (fixture->london, g_date_time_get_year (morning),
                          g_date_time_get_month (morning),
                          g_date_time_get_day_of_month (morning), 9, 0, 0);
  by_herald = add_post (fixture, "Market stall on Saturday", g_date_time_to_unix (soon),
                        HD_POST_STATE_SCHEDULED, fixture->bluesky, NULL);
  by_mastodon = add_post (fixture, "New loaves on Monday", g_date_time_to_unix (soon) + 3600,
                          HD_POST_STATE_SCHEDULED, fixture->mastodon, NULL);
  draft = add_post (fixture, "Ideas for the summer menu", g_date_time_to_unix (soon) + 7200,
                    HD_POST_STATE_DRAFT, fixture->bluesky, NULL);
  show (fixture, "month", g_date_time_get_year (soon), g_date_time_get_month (soon),
        g_date_time_get_day_of_month (soon));

  chip = find_chip (fixture, soon, by_herald);
  g_assert_nonnull (chip);
  g_assert_true (hd_calendar_chip_get_needs_herald (chip));
  g_assert_true (hd_calendar_chip_get_mark_shown (chip));
  chip = find_chip (fixture, soon, by_mastodon);
  g_assert_nonnull (chip);
  g_assert_false (hd_calendar_chip_get_needs_herald (chip));
  g_assert_false (hd_calendar_chip_get_mark_shown (chip));
  chip = find_chip (fixture, soon, draft);
  g_assert_nonnull (chip);
  g_assert_false (hd_calendar_chip_get_needs_herald (chip));

  /* The post moves to Mastodon alone: its chip loses the mark as it is bound again. */
  hd_post_clear_variants (by_herald);
  {
    g_autoptr(HdVariant) variant = hd_variant_new ();
    g_autoptr(GError) error = NULL;

    hd_variant_set_channel_id (variant, hd_channel_get_id (fixture->mastodon));
    hd_post_add_variant (by_herald, variant);
    hd_store_save_post (fixture->store, by_herald, &error);
    g_assert_no_error (error);
  }
  wait_ms (100);
  chip = find_chip (fixture, soon, by_herald);
  g_assert_nonnull (chip);
  g_assert_false (hd_calendar_chip_get_needs_herald (chip));
  g_assert_false (hd_calendar_chip_get_mark_shown (chip));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = NULL;
  GtkIconTheme *icon_theme;
  int status;

  data_dirs = g_strsplit (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                            : "/usr/local/share:/usr/share",
                          ":", -1);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = g_object_new (HD_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Isolated dirs hide the system's icons, which the chips draw. */
  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  mime_dirs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
    }
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

#define ADD(path, func) \
  g_test_add ("/herald/calendar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("month/chips", test_month_chips);
  ADD ("month/pool", test_month_pool);
  ADD ("week/hour", test_week_hour);
  ADD ("navigation", test_navigation);
  ADD ("month/keyboard", test_keyboard);
  ADD ("reschedule-undo", test_reschedule_undo);
  ADD ("filters", test_filters);
  ADD ("month/flights", test_flights);
  ADD ("new-post-at", test_new_post_at);
  ADD ("narrow", test_narrow);
  ADD ("month/needs-herald", test_needs_herald);

#undef ADD

  status = g_test_run ();

  g_object_unref (app);

  return status;
}
