/* test-post-flow.c: one post from the composer to the calendar and back, through the real
 * window: write it, see it in the month, the week and the agenda, drag it to another day,
 * undo, filter by channel, search.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include "calendar/hd-calendar-page-private.h"
#include "composer/hd-composer-window-private.h"
#include "hd-core.h"

#define POST_TEXT "Saturday bake: rye and spelt loaves, warm from nine. Come early!"

typedef struct
{
  HdStore        *store;
  HdChannel      *mastodon;
  HdChannel      *bluesky;
  HdChannel      *x;
  GTimeZone      *london;
  HdWindow       *window;
  HdCalendarPage *page;
} Fixture;

static HdChannel *
add_channel (HdStore       *store,
             HdChannelKind  kind,
             const char    *name,
             const char    *handle)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  g_assert_true (hd_store_save_channel (store, channel, &error));
  g_assert_no_error (error);

  return channel;
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

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    test_iterate ();
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;

  return FALSE;
}

/* The month shows the post's chip on that day. */
static gboolean
month_shows (Fixture    *fixture,
             int         year,
             int         month,
             int         day,
             const char *post_id)
{
  g_autoptr(GPtrArray) ids = _hd_calendar_page_get_day_post_ids (fixture->page, year, month,
                                                                 day);

  return contains (ids, post_id);
}

/* Every day of the month on which the post has a chip. */
static guint
month_count (Fixture    *fixture,
             int         year,
             int         month,
             const char *post_id)
{
  guint n = 0;

  for (int day = 1; day <= g_date_get_days_in_month (month, year); day++)
    if (month_shows (fixture, year, month, day, post_id))
      n++;

  return n;
}

static void
show_view (Fixture    *fixture,
           const char *view)
{
  /* The header's view switcher, or Alt+1/2/3. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "calendar.view", "s",
                                             view));
  test_iterate ();
  g_assert_cmpstr (hd_calendar_page_get_view (fixture->page), ==, view);
}

static GtkWidget *
find_mapped_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_status_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
toggle_filter (Fixture    *fixture,
               const char *kind,
               const char *value,
               gboolean    active)
{
  GtkWidget *check = _hd_calendar_page_get_filter_check (fixture->page, kind, value);

  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  test_iterate ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = hd_application_get_settings (test_app);

  test_open_workspace (HD_WORKSPACE_OWN);
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 740);
  g_settings_reset (settings, "default-channels");
  g_settings_reset (settings, "week-starts-on");
  g_settings_set_string (settings, "time-zone", "Europe/London");

  fixture->store = hd_application_get_store (test_app);
  g_assert_nonnull (fixture->store);
  fixture->london = g_time_zone_new_identifier ("Europe/London");
  fixture->mastodon = add_channel (fixture->store, HD_CHANNEL_KIND_MASTODON, "Corner Bakery",
                                   "@bakery@bakers.social");
  fixture->bluesky = add_channel (fixture->store, HD_CHANNEL_KIND_BLUESKY, "Corner Bakery",
                                  "@cornerbakery.bsky.social");
  fixture->x = add_channel (fixture->store, HD_CHANNEL_KIND_X, "Corner Bakery on X",
                            "@cornerbakery");

  fixture->window = test_open_window ();
  fixture->page = HD_CALENDAR_PAGE (hd_window_get_page (fixture->window, "calendar"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer weak = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  test_close_all ();
  g_assert_null (weak);

  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  g_clear_object (&fixture->x);
  g_clear_pointer (&fixture->london, g_time_zone_unref);
}

/* Writes and schedules the post in the composer as a user does; returns its id. */
static char *
compose_and_schedule (Fixture *fixture,
                      int      year,
                      int      month,
                      int      day)
{
  HdComposerWindow *composer;
  GtkTextBuffer *buffer;
  GtkWidget *chip;
  char *post_id;
  guint n_pending = 0;

  /* From another page: Ctrl+N works anywhere in the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "ideas"));
  test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "app.new-post",
                                             NULL));
  test_wait_until (test_find_toplevel (HD_TYPE_COMPOSER_WINDOW) != NULL, 10);
  composer = HD_COMPOSER_WINDOW (test_find_toplevel (HD_TYPE_COMPOSER_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (composer)) ==
                 GTK_WINDOW (fixture->window));
  /* Nothing saves behind the test's back before it asks. */
  hd_composer_window_set_autosave_delay (composer, 60 * 1000);

  /* Typing, as the keyboard does it: one user action, undoable. */
  buffer = gtk_text_view_get_buffer (_hd_composer_window_get_master_view (composer));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, POST_TEXT, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
  test_iterate ();

  /* Until defaults are chosen a post goes everywhere; this one is not for X. */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, hd_channel_get_id (fixture->mastodon)))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, hd_channel_get_id (fixture->bluesky)))));
  chip = _hd_composer_window_get_chip (composer, hd_channel_get_id (fixture->x));
  g_assert_nonnull (chip);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)));
  /* Space or Enter on the chip: the button shows itself pressed for a moment, then toggles. */
  g_assert_true (gtk_widget_activate (chip));
  test_wait_until (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (chip)), 5);
  /* Its tab goes; what was typed for it is kept should it come back. */
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (
    _hd_composer_window_get_editor (composer, hd_channel_get_id (fixture->x)))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, hd_channel_get_id (fixture->mastodon)))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    _hd_composer_window_get_chip (composer, hd_channel_get_id (fixture->bluesky)))));
  /* Each chosen channel has its tab and a live counter. */
  g_assert_nonnull (gtk_widget_get_parent (GTK_WIDGET (
    _hd_composer_window_get_editor (composer, hd_channel_get_id (fixture->mastodon)))));
  g_assert_nonnull (gtk_widget_get_parent (GTK_WIDGET (
    _hd_composer_window_get_editor (composer, hd_channel_get_id (fixture->bluesky)))));
  /* 64 characters typed: what is left of Bluesky's 300 and Mastodon's 500. */
  g_assert_cmpstr (_hd_composer_window_get_chip_counter (composer,
                                                         hd_channel_get_id (fixture->bluesky)),
                   ==, "236");
  g_assert_cmpstr (_hd_composer_window_get_chip_counter (composer,
                                                         hd_channel_get_id (fixture->mastodon)),
                   ==, "436");

  /* Half past nine on a day of the month the calendar shows, in the user's zone. */
  hd_schedule_picker_set_time_zone (_hd_composer_window_get_schedule_picker (composer),
                                    "Europe/London");
  hd_schedule_picker_set_wall_time (_hd_composer_window_get_schedule_picker (composer),
                                    year, month, day, 9, 30);
  test_iterate ();

  post_id = g_strdup (hd_composer_window_get_post_id (composer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.schedule", NULL));
  test_wait_until (test_find_toplevel (HD_TYPE_COMPOSER_WINDOW) == NULL, 10);
  g_assert_null (test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* One change to send per channel, waiting for its time. */
  g_assert_true (hd_store_count_pending_changes (fixture->store, &n_pending, NULL));
  g_assert_cmpuint (n_pending, ==, 2);

  return post_id;
}

static void
test_post_flow (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (fixture->london);
  /* A June well ahead: British Summer Time, and always in the future. */
  int year = g_date_time_get_year (now) + 1;
  int shown_year;
  int shown_month;
  int shown_day;
  g_autoptr(GDateTime) planned = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *moved_title = NULL;
  HdWeekView *week;
  AdwToast *toast;
  GtkWidget *entry;
  GtkWidget *status;
  int week_day;
  int hour;

  /* The month the calendar will show. */
  hd_calendar_page_set_date (fixture->page, year, 6, 1);
  hd_calendar_page_get_date (fixture->page, &shown_year, &shown_month, &shown_day);
  g_assert_cmpint (shown_year, ==, year);
  g_assert_cmpint (shown_month, ==, 6);

  post_id = compose_and_schedule (fixture, year, 6, 10);
  g_assert_nonnull (post_id);

  /* What the store holds: the text, the instant meant in London, one variant per channel
   * chosen. */
  post = hd_store_load_post (fixture->store, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_text (post), ==, POST_TEXT);
  g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, london (fixture, year, 6, 10, 9, 30));
  g_assert_cmpstr (hd_post_get_time_zone (post), ==, "Europe/London");
  g_assert_nonnull (hd_post_find_variant (post, hd_channel_get_id (fixture->mastodon)));
  g_assert_nonnull (hd_post_find_variant (post, hd_channel_get_id (fixture->bluesky)));
  g_assert_null (hd_post_find_variant (post, hd_channel_get_id (fixture->x)));

  /* The calendar, in its month: a chip on the 10th and nowhere else. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "calendar"));
  test_iterate ();
  g_assert_cmpstr (hd_window_get_page_name (fixture->window), ==, "calendar");
  show_view (fixture, "month");
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "month");
  g_assert_true (month_shows (fixture, year, 6, 10, post_id));
  g_assert_cmpuint (month_count (fixture, year, 6, post_id), ==, 1);

  /* The week of the 10th: in that day's column, in the 9 o'clock row. */
  show_view (fixture, "week");
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "week");
  hd_calendar_page_set_date (fixture->page, year, 6, 10);
  test_iterate ();
  planned = g_date_time_new (fixture->london, year, 6, 10, 9, 30, 0);
  week = _hd_calendar_page_get_week_view (fixture->page);
  /* Placed once the view has laid out the week it now shows. */
  test_wait_until (hd_week_view_find_post (week, post_id, &week_day, &hour), 5);
  /* Weeks start on Monday. */
  g_assert_cmpint (week_day, ==, g_date_time_get_day_of_week (planned) - 1);
  g_assert_cmpint (hour, ==, 9);

  /* The agenda of the month lists it. */
  show_view (fixture, "agenda");
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "agenda");
  agenda = _hd_calendar_page_get_agenda_post_ids (fixture->page);
  g_assert_cmpuint (agenda->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (agenda, 0), ==, post_id);

  /* Dragged to the 24th in the month: same time of day, and a toast to take it back. */
  show_view (fixture, "month");
  hd_calendar_page_set_date (fixture->page, year, 6, 1);
  test_iterate ();
  g_assert_true (_hd_calendar_page_drop_on_day (fixture->page, post_id, year, 6, 24));
  test_iterate ();
  g_clear_object (&post);
  post = hd_store_load_post (fixture->store, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, london (fixture, year, 6, 24, 9, 30));
  g_assert_true (month_shows (fixture, year, 6, 24, post_id));
  g_assert_false (month_shows (fixture, year, 6, 10, post_id));

  toast = _hd_calendar_page_get_last_toast (fixture->page);
  g_assert_nonnull (toast);
  moved = g_date_time_new (fixture->london, year, 6, 24, 9, 30, 0);
  moved_title = g_date_time_format (moved, "Moved to %a %-d %b, %H:%M");
  g_assert_cmpstr (adw_toast_get_title (toast), ==, moved_title);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* Undo, as the toast's button does it: back on the 10th at half past nine. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->page),
                                                     adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  test_iterate ();
  g_clear_object (&post);
  post = hd_store_load_post (fixture->store, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, london (fixture, year, 6, 10, 9, 30));
  g_assert_true (month_shows (fixture, year, 6, 10, post_id));
  g_assert_false (month_shows (fixture, year, 6, 24, post_id));

  /* A channel it is not on hides it; one it is on shows it. */
  toggle_filter (fixture, "channel", hd_channel_get_id (fixture->x), TRUE);
  g_assert_true (hd_calendar_page_get_filter_active (fixture->page));
  g_assert_false (month_shows (fixture, year, 6, 10, post_id));
  toggle_filter (fixture, "channel", hd_channel_get_id (fixture->x), FALSE);
  toggle_filter (fixture, "channel", hd_channel_get_id (fixture->bluesky), TRUE);
  g_assert_true (month_shows (fixture, year, 6, 10, post_id));
  toggle_filter (fixture, "channel", hd_channel_get_id (fixture->bluesky), FALSE);
  g_assert_false (hd_calendar_page_get_filter_active (fixture->page));
  g_assert_true (month_shows (fixture, year, 6, 10, post_id));

  /* Search, through the search bar (Ctrl+F), whatever the case. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "calendar.search",
                                             NULL));
  test_iterate ();
  entry = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "SPELT");
  wait_ms (400);
  g_assert_true (hd_calendar_page_get_filter_active (fixture->page));
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "month");
  g_assert_true (month_shows (fixture, year, 6, 10, post_id));

  gtk_editable_set_text (GTK_EDITABLE (entry), "croissant");
  wait_ms (400);
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "no-match");
  g_assert_false (month_shows (fixture, year, 6, 10, post_id));
  status = find_mapped_status_page (GTK_WIDGET (fixture->page));
  g_assert_nonnull (status);
  g_assert_cmpint (g_ascii_strcasecmp (adw_status_page_get_title (ADW_STATUS_PAGE (status)),
                                       "No posts match"), ==, 0);

  /* Clearing the search brings it back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_ms (400);
  g_assert_cmpstr (_hd_calendar_page_get_shown (fixture->page), ==, "month");
  g_assert_true (month_shows (fixture, year, 6, 10, post_id));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add ("/herald/e2e/post-flow", Fixture, NULL, fixture_set_up, test_post_flow,
              fixture_tear_down);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
