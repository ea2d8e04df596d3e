/* test-reports-page.c: the Reports page over a seeded history: its sections and figures, the
 * empty state, the range, the queue's suggested times, and the exports
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "hd-core.h"
#include "hd-queue-slots.h"
#include "hd-store-ads-sync.h"
#include "hd-store-campaigns.h"
#include "hd-store-metrics.h"
#include "hd-store-posts.h"
#include "hd-store-queue.h"
#include "hd-store-reports.h"
#include "reports/hd-heat-map.h"
#include "reports/hd-reports-page.h"
#include "reports/hd-top-posts.h"
#include "widgets/hd-chart.h"

#define ZONE "Europe/London"

typedef struct
{
  char          *dir;
  HdStore       *store;
  char          *toots;
  char          *sky;
  GtkWindow     *window;
  HdReportsPage *page;
} Fixture;

static void
iterate (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* The page reads its report on a thread: lets it arrive and be shown. */
static void
wait_for_report (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (hd_reports_page_get_loading (fixture->page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
    }
  iterate ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gint64
at (int year,
    int month,
    int day,
    int hour)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (ZONE);
  g_autoptr(GDateTime) time = g_date_time_new (zone, year, month, day, hour, 0, 0);

  return g_date_time_to_unix (time);
}

static char *
add_channel (Fixture       *fixture,
             HdChannelKind  kind,
             const char    *name)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(GError) error = NULL;

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);

  return g_strdup (hd_channel_get_id (channel));
}

static void
add_metric (Fixture         *fixture,
            HdMetricSubject  subject,
            const char      *subject_id,
            const char      *channel_id,
            const char      *name,
            gint64           value,
            gint64           measured_at)
{
  g_autoptr(HdMetric) metric = hd_metric_new ();
  g_autoptr(GError) error = NULL;

  hd_metric_set_subject (metric, subject);
  hd_metric_set_subject_id (metric, subject_id);
  hd_metric_set_channel_id (metric, channel_id);
  hd_metric_set_name (metric, name);
  hd_metric_set_value (metric, value);
  hd_metric_set_measured_at (metric, measured_at);
  hd_store_add_metric (fixture->store, metric, &error);
  g_assert_no_error (error);
}

/* A post that went out on @channel_id at @published_at, its figures read a day later;
 * @impressions < 0: the platform gives none. */
static void
publish (Fixture    *fixture,
         const char *channel_id,
         const char *text,
         gint64      published_at,
         gint64      reactions,
         gint64      reposts,
         gint64      replies,
         gint64      impressions)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(GError) error = NULL;
  gint64 measured_at = published_at + 24 * 3600;
  const char *id;

  hd_post_set_text (post, text);
  hd_post_set_scheduled_at (post, published_at);
  hd_post_set_published_at (post, published_at);
  hd_post_set_time_zone (post, ZONE);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_variant_set_channel_id (variant, channel_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);

  id = hd_post_get_id (post);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, id, channel_id, HD_METRIC_REACTIONS, reactions,
              measured_at);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, id, channel_id, HD_METRIC_REPOSTS, reposts,
              measured_at);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, id, channel_id, HD_METRIC_REPLIES, replies,
              measured_at);
  if (impressions >= 0)
    add_metric (fixture, HD_METRIC_SUBJECT_POST, id, channel_id, HD_METRIC_IMPRESSIONS,
                impressions, measured_at);
}

/* A bakery's week, 2–8 March 2026, and the Tuesday mornings before it. */
static void
seed (Fixture *fixture)
{
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(GError) error = NULL;

  /* Four Tuesdays at nine: the only hour with enough posts to call it the best. */
  for (int day = 10; day <= 24; day += 7)
    publish (fixture, fixture->toots, "Sourdough Tuesday", at (2026, 2, day, 9), 11, 0, 0, -1);
  publish (fixture, fixture->toots, "Rye is back on Saturday, at last", at (2026, 3, 3, 9), 14,
           1, 0, -1);
  publish (fixture, fixture->sky, "Hot cross buns from Monday", at (2026, 3, 5, 13), 3, 2, 1,
           400);

  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, fixture->toots, fixture->toots,
              HD_METRIC_FOLLOWERS, 100, at (2026, 3, 1, 12));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, fixture->toots, fixture->toots,
              HD_METRIC_FOLLOWERS, 125, at (2026, 3, 6, 12));

  hd_campaign_set_name (campaign, "Spring loaves");
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);
  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Locals");
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  hd_ad_set_set_budget_minor (ad_set, 1000);
  hd_ad_set_set_time_zone (ad_set, ZONE);
  hd_ad_set_set_starts_at (ad_set, at (2026, 3, 1, 0));
  hd_ad_set_set_status (ad_set, HD_AD_STATUS_ACTIVE);
  hd_store_save_ad_set (fixture->store, ad_set, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      hd_store_put_daily_insight (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN,
                                  hd_campaign_get_id (campaign), NULL,
                                  i == 0 ? "2026-03-03" : "2026-03-04", HD_METRIC_SPEND, 1500,
                                  &error);
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->dir = g_dir_make_tmp ("herald-reports-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "herald.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  fixture->toots = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Bakery toots");
  fixture->sky = add_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Bakery sky");
  if (GPOINTER_TO_INT (data))
    seed (fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->page = HD_REPORTS_PAGE (g_object_new (HD_TYPE_REPORTS_PAGE, NULL));
  hd_reports_page_set_time_zone (fixture->page, ZONE);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_set_default_size (fixture->window, 360, 900);
  gtk_window_present (fixture->window);
  hd_reports_page_set_store (fixture->page, fixture->store);
  g_assert_true (hd_reports_page_set_custom_range (fixture->page, "2026-03-02", "2026-03-08"));
  wait_for_report (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->toots);
  g_free (fixture->sky);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The widgets of @type the user can see: mapped, in the page. */
static GPtrArray *
find_shown (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  collect (root, type, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (all->pdata[i]))
      g_ptr_array_add (shown, all->pdata[i]);

  return shown;
}

static GtkWidget *
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) shown = find_shown (root, type);

  g_assert_cmpuint (shown->len, >=, 1);
  return shown->pdata[0];
}

static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = find_shown (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return TRUE;

  return FALSE;
}

static AdwActionRow *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = find_shown (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];

  return NULL;
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (find_one (GTK_WIDGET (fixture->page),
                                                     ADW_TYPE_STATUS_PAGE));
  g_autoptr(GPtrArray) charts = find_shown (GTK_WIDGET (fixture->page), HD_TYPE_CHART);

  /* Says how to get some figures, rather than showing empty charts. */
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "Publish posts"));
  g_assert_nonnull (strstr (adw_status_page_get_description (status),
                            "read back for a week"));
  g_assert_cmpuint (charts->len, ==, 0);
}

static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  g_autoptr(GPtrArray) groups = find_shown (page, ADW_TYPE_PREFERENCES_GROUP);
  g_autoptr(GPtrArray) charts = find_shown (page, HD_TYPE_CHART);
  g_autoptr(GPtrArray) statuses = find_shown (page, ADW_TYPE_STATUS_PAGE);
  const char *titles[] = {
    "Engagement", "Top posts", "Follower growth", "Campaign spend", "Best time to post",
  };
  g_autofree char *engagement = NULL;

  g_assert_cmpuint (statuses->len, ==, 0);
  g_assert_cmpuint (groups->len, ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_cmpstr (adw_preferences_group_get_title (groups->pdata[i]), ==, titles[i]);
  g_assert_cmpstr (adw_preferences_group_get_description (groups->pdata[0]), ==,
                   hd_reports_describe_engagement ());

  /* Engagement: a line per channel, each at its best day. */
  g_assert_cmpuint (charts->len, ==, 2);
  g_assert_cmpuint (hd_chart_get_n_series (charts->pdata[0]), ==, 2);
  engagement = hd_chart_describe (charts->pdata[0]);
  g_assert_nonnull (strstr (engagement, "Bakery toots highest 15 on 3 March"));
  g_assert_nonnull (strstr (engagement, "Bakery sky highest 6 on 5 March"));

  /* Followers: only the channel with counts, and what it gained. */
  g_assert_cmpuint (hd_chart_get_n_series (charts->pdata[1]), ==, 1);
  g_assert_nonnull (find_row (page, "Bakery toots"));
  g_assert_true (shows_label (page, "+25 followers"));
}

static void
test_top_posts (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  HdTopPosts *table = HD_TOP_POSTS (find_one (page, HD_TYPE_TOP_POSTS));
  g_autofree char *impressions = NULL;
  g_autofree char *sorted_impressions = NULL;
  g_autofree char *engagement = NULL;

  /* The week's posts only, most engagement first; the Tuesdays before are not in it. */
  g_assert_cmpuint (hd_top_posts_get_n_posts (table), ==, 2);
  g_assert_cmpstr (hd_top_posts_get_post_text (table, 0), ==,
                   "Rye is back on Saturday, at last");
  engagement = hd_top_posts_dup_figure (table, 0, HD_REPORT_COLUMN_ENGAGEMENT);
  g_assert_cmpstr (engagement, ==, "15");
  /* Mastodon gives no impressions: the cell says so, it is not zero. */
  impressions = hd_top_posts_dup_figure (table, 0, HD_REPORT_COLUMN_IMPRESSIONS);
  g_assert_cmpstr (impressions, ==, hd_reports_not_available_label ());
  g_assert_true (shows_label (GTK_WIDGET (table), hd_reports_not_available_label ()));
  g_assert_true (shows_label (GTK_WIDGET (table), "400"));

  hd_top_posts_sort_by (table, HD_REPORT_COLUMN_IMPRESSIONS, TRUE);
  iterate ();
  g_assert_cmpstr (hd_top_posts_get_post_text (table, 0), ==, "Hot cross buns from Monday");
  sorted_impressions = hd_top_posts_dup_figure (table, 0, HD_REPORT_COLUMN_IMPRESSIONS);
  g_assert_cmpstr (sorted_impressions, ==, "400");

  hd_top_posts_sort_by (table, HD_REPORT_COLUMN_REACTIONS, FALSE);
  iterate ();
  g_assert_cmpstr (hd_top_posts_get_post_text (table, 0), ==, "Hot cross buns from Monday");
  hd_top_posts_sort_by (table, HD_REPORT_COLUMN_REACTIONS, TRUE);
  iterate ();
  g_assert_cmpstr (hd_top_posts_get_post_text (table, 0), ==,
                   "Rye is back on Saturday, at last");
}

static void
test_spend (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  AdwActionRow *row = find_row (page, "Spring loaves");
  GtkLevelBar *bar;

  /* £10 a day for the seven days, £30 of it spent. */
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "£30.00 of £70.00");
  bar = GTK_LEVEL_BAR (find_one (GTK_WIDGET (row), GTK_TYPE_LEVEL_BAR));
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (bar), 3.0 / 7.0, 1e-9);
}

static void
test_best_time (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  HdHeatMap *map = HD_HEAT_MAP (find_one (page, HD_TYPE_HEAT_MAP));
  g_autofree char *described = hd_heat_map_describe (map);
  g_autofree char *hovered = NULL;
  g_autofree char *quiet = NULL;
  g_autofree char *toots_slots = NULL;
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  double cell_width, row;

  g_assert_cmpstr (described, ==, "Best: Tuesdays 9:00–10:00");
  g_assert_true (shows_label (page, "Best: Tuesdays 9:00–10:00"));

  /* Hovering Tuesday 9:00 reads out its posts; its cell is on the second row, tenth column. */
  cell_width = (gtk_widget_get_width (GTK_WIDGET (map)) - 36.0) / 24;
  row = (gtk_widget_get_height (GTK_WIDGET (map)) - 18.0) / 7;
  hovered = hd_heat_map_text_at (map, 36 + 9.5 * cell_width, 18 + 1.5 * row);
  g_assert_cmpstr (hovered, ==, "Tuesdays 9:00–10:00, 4 posts, 12.0 engagement per post");
  quiet = hd_heat_map_text_at (map, 36 + 3.5 * cell_width, 18 + 6.5 * row);
  g_assert_cmpstr (quiet, ==, "Sundays 3:00–4:00, no posts yet");

  /* The suggestion goes into each channel's queue beside the times it had. */
  hd_store_set_queue_slots (fixture->store, fixture->toots, "Mon 12:00", &error);
  g_assert_no_error (error);
  wait_for_report (fixture);
  g_assert_nonnull (find_row (page, "Suggested times"));
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (page, "Suggested times")), ==,
                   "Tuesdays 9:00");
  g_assert_true (gtk_widget_activate_action (page, "reports.add-suggested-times", NULL));
  iterate ();
  toots_slots = hd_store_get_queue_slots (fixture->store, fixture->toots, &error);
  g_assert_no_error (error);
  parsed = hd_queue_slots_parse (toots_slots, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 2);
  for (guint i = 0; i < parsed->len; i++)
    {
      HdQueueSlot *slot = &g_array_index (parsed, HdQueueSlot, i);

      g_assert_true ((slot->weekday == G_DATE_MONDAY && slot->hour == 12) ||
                     (slot->weekday == G_DATE_TUESDAY && slot->hour == 9));
    }
  g_free (toots_slots);
  toots_slots = hd_store_get_queue_slots (fixture->store, fixture->sky, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (toots_slots, !=, "");
}

static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

/* What a screen reader reads out after the map's name. */
static void
assert_description (GtkWidget  *widget,
                    const char *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (
    GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  if (problem != NULL)
    g_error ("%s", problem);
}

static double lightness (GtkWidget  *widget,
                         const char *save_as);

static void
test_heat_map_keys (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *map = find_one (GTK_WIDGET (fixture->page), HD_TYPE_HEAT_MAP);
  g_autofree char *start = NULL;
  g_autofree char *moved = NULL;

  /* Reached with Tab like any control, the keys start on the best hour. */
  g_assert_true (gtk_widget_get_focusable (map));
  g_assert_true (gtk_widget_grab_focus (map));
  g_assert_true (gtk_widget_is_focus (map));
  start = hd_heat_map_dup_focus_text (HD_HEAT_MAP (map));
  g_assert_cmpstr (start, ==, "Tuesdays 9:00–10:00, 4 posts, 12.0 engagement per post");
  assert_description (map, "Best: Tuesdays 9:00–10:00");

  /* Each hour reached is read out: down a day, then along to Thursday's buns at one. */
  g_assert_true (press_key (map, GDK_KEY_Down));
  assert_description (map, "Wednesdays 9:00–10:00, no posts yet");
  g_assert_true (press_key (map, GDK_KEY_Down));
  g_assert_true (press_key (map, GDK_KEY_End));
  assert_description (map, "Thursdays 23:00–24:00, no posts yet");
  for (guint i = 0; i < 10; i++)
    g_assert_true (press_key (map, GDK_KEY_Left));
  moved = hd_heat_map_dup_focus_text (HD_HEAT_MAP (map));
  g_assert_cmpstr (moved, ==, "Thursdays 13:00–14:00, 1 post, 6.0 engagement per post");
  assert_description (map, moved);

  /* At the first day the arrow is left to the page, so focus can leave the map. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (press_key (map, GDK_KEY_Up));
  assert_description (map, "Mondays 13:00–14:00, no posts yet");
  g_assert_false (press_key (map, GDK_KEY_Up));
  assert_description (map, "Mondays 13:00–14:00, no posts yet");

  /* Not a check: with HERALD_SCREENSHOT_DIR set, the ring around the cell the keys are on. */
  if (g_getenv ("HERALD_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (map, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_window_set_focus_visible (fixture->window, TRUE);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      iterate ();
      lightness (GTK_WIDGET (fixture->window), "reports-heat-map-focus.png");
    }
}

/* New figures rebuild the report around a map the keys are on: they stay on their hour. */
static void
test_heat_map_refresh (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *map = find_one (page, HD_TYPE_HEAT_MAP);
  g_autofree char *moved = NULL;
  g_autofree char *kept = NULL;
  GtkWidget *focus;

  g_assert_true (gtk_widget_grab_focus (map));
  g_assert_true (press_key (map, GDK_KEY_Down));
  g_assert_true (press_key (map, GDK_KEY_Right));
  moved = hd_heat_map_dup_focus_text (HD_HEAT_MAP (map));
  g_assert_cmpstr (moved, ==, "Wednesdays 10:00–11:00, no posts yet");

  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, fixture->toots, fixture->toots,
              HD_METRIC_FOLLOWERS, 131, at (2026, 3, 7, 12));
  wait_for_report (fixture);
  g_assert_true (shows_label (page, "+31 followers"));

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (HD_IS_HEAT_MAP (focus));
  g_assert_true (gtk_widget_get_mapped (focus));
  kept = hd_heat_map_dup_focus_text (HD_HEAT_MAP (focus));
  g_assert_cmpstr (kept, ==, moved);

  /* The keys go on from there. */
  g_assert_true (press_key (focus, GDK_KEY_Down));
  assert_description (focus, "Thursdays 10:00–11:00, no posts yet");
}

static void
test_range (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  HdReport *report;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (ZONE);
  g_autofree char *today = NULL;

  /* Dates that make no report are refused in words, and the report stays as it was. */
  g_assert_false (hd_reports_page_set_custom_range (fixture->page, "2026-03-09",
                                                    "2026-03-02"));
  g_assert_true (shows_label (page, "The first day must not be later than the last."));
  g_assert_false (hd_reports_page_set_custom_range (fixture->page, "2026-02-30",
                                                    "2026-03-02"));
  g_assert_true (shows_label (page, "Write both dates as YYYY-MM-DD, for example 2026-03-27."));
  report = hd_reports_page_get_report (fixture->page);
  g_assert_cmpuint (report->n_days, ==, 7);
  g_assert_cmpstr (report->days[0], ==, "2026-03-02");
  g_assert_true (shows_label (page, "2 March – 8 March 2026"));

  /* Quiet days after some history keep the page, so the range can be changed back. */
  g_assert_true (hd_reports_page_set_custom_range (fixture->page, "2026-04-01", "2026-04-07"));
  wait_for_report (fixture);
  {
    g_autoptr(GPtrArray) statuses = find_shown (page, ADW_TYPE_STATUS_PAGE);
    g_autoptr(GPtrArray) tables = find_shown (page, HD_TYPE_TOP_POSTS);

    g_assert_cmpuint (statuses->len, ==, 0);
    g_assert_cmpuint (tables->len, ==, 0);
    g_assert_nonnull (find_one (page, GTK_TYPE_DROP_DOWN));
  }

  /* A preset ends today. */
  hd_reports_page_set_last_days (fixture->page, 90);
  wait_for_report (fixture);
  report = hd_reports_page_get_report (fixture->page);
  now = g_date_time_new_now (zone);
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpuint (report->n_days, ==, 90);
  g_assert_cmpstr (report->days[89], ==, today);
  g_assert_false (shows_label (page, "The first day must not be later than the last."));
}

static void
test_loading (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  HdReport *report;

  /* While the next days are read, the week shown stays, with its figures. */
  g_assert_true (hd_reports_page_set_custom_range (fixture->page, "2026-03-03", "2026-03-04"));
  g_assert_true (hd_reports_page_get_loading (fixture->page));
  report = hd_reports_page_get_report (fixture->page);
  g_assert_cmpstr (report->days[0], ==, "2026-03-02");
  g_assert_true (shows_label (page, "+25 followers"));
  g_assert_true (gtk_widget_get_mapped (find_one (page, GTK_TYPE_SPINNER)));

  /* Asked again before it came, only the last range is shown. */
  g_assert_true (hd_reports_page_set_custom_range (fixture->page, "2026-03-05", "2026-03-05"));
  wait_for_report (fixture);
  report = hd_reports_page_get_report (fixture->page);
  g_assert_cmpuint (report->n_days, ==, 1);
  g_assert_cmpstr (report->days[0], ==, "2026-03-05");
  g_assert_true (shows_label (page, "5 March 2026"));
  g_assert_cmpuint (hd_top_posts_get_n_posts (HD_TOP_POSTS (find_one (page, HD_TYPE_TOP_POSTS))),
                    ==, 1);
  {
    g_autoptr(GPtrArray) spinners = find_shown (page, GTK_TYPE_SPINNER);

    g_assert_cmpuint (spinners->len, ==, 0);
  }

  /* A figure recorded on the main connection reaches the page's own one. */
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, fixture->sky, fixture->sky,
              HD_METRIC_FOLLOWERS, 40, at (2026, 3, 4, 12));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, fixture->sky, fixture->sky,
              HD_METRIC_FOLLOWERS, 47, at (2026, 3, 5, 12));
  wait_for_report (fixture);
  g_assert_nonnull (find_row (page, "Bakery sky"));
  g_assert_true (shows_label (page, "+7 followers"));
}

/* A page not shown reads nothing: the report is built when it is first shown, with the range
 * chosen meanwhile. */
static void
test_built_when_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  HdReport *report;

  gtk_widget_set_visible (page, FALSE);
  g_assert_true (hd_reports_page_set_custom_range (fixture->page, "2026-03-05", "2026-03-05"));
  g_assert_false (hd_reports_page_get_loading (fixture->page));
  report = hd_reports_page_get_report (fixture->page);
  g_assert_cmpstr (report->days[0], ==, "2026-03-02");

  gtk_widget_set_visible (page, TRUE);
  g_assert_true (hd_reports_page_get_loading (fixture->page));
  wait_for_report (fixture);
  report = hd_reports_page_get_report (fixture->page);
  g_assert_cmpuint (report->n_days, ==, 1);
  g_assert_cmpstr (report->days[0], ==, "2026-03-05");
}

/* Renders page 1 of @pdf at 50 dpi in grey and counts the pixels that are not white. */
static guint
count_ink (const char *pdf)
{
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *pgm_path = g_strconcat (prefix, "-1.pgm", NULL);
  g_autofree char *pgm = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", pdf, prefix,
                         NULL };
  int status = 0;
  gsize length = 0;
  guint width, height, max_value, ink = 0;
  int header = 0;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  if (pdftoppm == NULL)
    g_error ("pdftoppm is missing: install poppler-utils (build-aux/herald-dev test does)");

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* pdftoppm pads the page number to the page count's width; one page here or more. */
  if (!g_file_test (pgm_path, G_FILE_TEST_EXISTS))
    {
      g_free (pgm_path);
      pgm_path = g_strconcat (prefix, "-01.pgm", NULL);
    }
  g_assert_true (g_file_get_contents (pgm_path, &pgm, &length, NULL));
  g_assert_cmpint (sscanf (pgm, "P5 %u %u %u%n", &width, &height, &max_value, &header), ==, 3);
  g_assert_cmpuint ((gsize) header + 1 + (gsize) width * height, <=, length);
  g_assert_cmpuint (width, >, 300);

  for (gsize i = 0; i < (gsize) width * height; i++)
    if ((guchar) pgm[header + 1 + i] < 240)
      ink++;

  g_unlink (pgm_path);
  return ink;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "week.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "week.csv", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "r.pdf", NULL);
  gsize length = 0;

  g_assert_true (hd_reports_page_export (fixture->page, pdf, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf_text, &length, NULL));
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  /* Text, a chart's lines, the table: thousands of dark pixels even at 50 dpi. */
  g_assert_cmpuint (count_ink (pdf_path), >, 1500);

  g_assert_true (hd_reports_page_export (fixture->page, csv, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "Report\r\n"));
  g_assert_nonnull (strstr (csv_text, "Rye is back on Saturday"));

  nowhere = g_file_new_for_path (missing);
  g_assert_false (hd_reports_page_export (fixture->page, nowhere, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Check the folder exists"));
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; node == NULL;)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The average lightness of the window, 0 black to 1 white. */
static double
lightness (GtkWidget  *widget,
           const char *save_as)
{
  g_autoptr(GdkTexture) texture = render (widget);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  const char *dir = g_getenv ("HERALD_SCREENSHOT_DIR");
  double sum = 0;

  /* Set it to look at the page as the test saw it. */
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, save_as, NULL);

      gdk_texture_save_to_png (texture, path);
    }

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    sum += (pixels[i * 4] + pixels[i * 4 + 1] + pixels[i * 4 + 2]) / (3 * 255.0);

  return sum / ((double) width * height);
}

static void
test_light_and_dark (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *root = GTK_WIDGET (fixture->window);
  GtkWidget *map = find_one (GTK_WIDGET (fixture->page), HD_TYPE_HEAT_MAP);
  gint64 deadline;
  GtkWidget *scrolled;

  /* Down to the heat map, so the picture shows it. */
  scrolled = gtk_widget_get_ancestor (map, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (lightness (root, "reports-light-top.png") > 0.6);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            G_MAXDOUBLE);
  iterate ();
  g_assert_true (lightness (root, "reports-light-bottom.png") > 0.6);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!adw_style_manager_get_dark (style))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
    }
  iterate ();
  g_assert_true (lightness (root, "reports-dark-bottom.png") < 0.4);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  /* The heat map's test reads what a screen reader would be told; GTK keeps it only with an
   * accessibility backend, and its test one needs no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/herald/reports/empty-state", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_empty_state, fixture_tear_down);
  g_test_add ("/herald/reports/sections", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_sections, fixture_tear_down);
  g_test_add ("/herald/reports/top-posts", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_top_posts, fixture_tear_down);
  g_test_add ("/herald/reports/spend", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_spend, fixture_tear_down);
  g_test_add ("/herald/reports/best-time", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_best_time, fixture_tear_down);
  g_test_add ("/herald/reports/heat-map-keys", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_heat_map_keys, fixture_tear_down);
  g_test_add ("/herald/reports/heat-map-refresh", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_heat_map_refresh, fixture_tear_down);
  g_test_add ("/herald/reports/range", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_range, fixture_tear_down);
  g_test_add ("/herald/reports/loading", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_loading, fixture_tear_down);
  g_test_add ("/herald/reports/built-when-shown", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_built_when_shown, fixture_tear_down);
  g_test_add ("/herald/reports/export", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_export, fixture_tear_down);
  g_test_add ("/herald/reports/light-and-dark", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_light_and_dark, fixture_tear_down);

  return g_test_run ();
}
