/* test-campaign-editor.c: a campaign built end to end in the editor, saved with its outbox
 * rows, checked, and its results against the budget
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include "campaigns/hd-campaigns-page.h"
#include "hd-audience.h"
#include "hd-post.h"
#include "hd-store-ad-accounts.h"
#include "hd-store-audiences.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"
#include "widgets/hd-format.h"

#define POST_TEXT "Spring menu is here: wild garlic bread and rhubarb buns, from Saturday."

typedef struct
{
  HdWindow        *window;
  HdCampaignsPage *page;
  HdChannel       *channel;
  HdAdAccount     *pounds;
  HdAdAccount     *yen;
  HdAudience      *audience;
  HdPost          *post;
} Fixture;

static HdStore *
store (void)
{
  return hd_application_get_store (test_app);
}

static HdAdAccount *
add_account (HdChannel  *channel,
             const char *remote_id,
             const char *name,
             const char *currency,
             gint64      min_daily_imp)
{
  g_autoptr(GError) error = NULL;
  HdAdAccount *account = hd_ad_account_new ();

  hd_ad_account_set_channel_id (account, hd_channel_get_id (channel));
  hd_ad_account_set_remote_id (account, remote_id);
  hd_ad_account_set_name (account, name);
  hd_ad_account_set_currency (account, currency);
  hd_ad_account_set_time_zone (account, "Europe/London");
  hd_ad_account_set_min_daily_budget_imp (account, min_daily_imp);
  g_assert_true (hd_store_save_ad_account (store (), account, &error));
  g_assert_no_error (error);

  return account;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_open_workspace (HD_WORKSPACE_OWN);

  /* A Facebook channel that needs reconnecting, so nothing here reaches a network. */
  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->channel, "Hill Street Bakery");
  hd_channel_set_base_url (fixture->channel, "https://graph.facebook.com/v19.0");
  hd_channel_set_remote_account_id (fixture->channel, "1122334455");
  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  g_assert_true (hd_store_save_channel (store (), fixture->channel, &error));
  g_assert_no_error (error);

  /* £1.00 a day at least when paying for impressions. */
  fixture->pounds = add_account (fixture->channel, "act_1001", "Bakery ads", "GBP", 100);
  fixture->yen = add_account (fixture->channel, "act_1002", "Tokyo pop-up", "JPY", 0);

  fixture->audience = hd_audience_new ();
  hd_audience_set_name (fixture->audience, "Neighbours");
  hd_audience_set_spec (fixture->audience,
                        "{\"geo_locations\":{\"countries\":[\"GB\"]},\"age_min\":25,"
                        "\"age_max\":45,\"targeting_automation\":{\"advantage_audience\":0}}");
  g_assert_true (hd_store_save_audience (store (), fixture->audience, &error));
  g_assert_no_error (error);

  fixture->post = hd_post_new ();
  hd_post_set_text (fixture->post, POST_TEXT);
  hd_post_set_state (fixture->post, HD_POST_STATE_DRAFT);
  g_assert_true (hd_store_save_post (store (), fixture->post, &error));
  g_assert_no_error (error);

  fixture->window = test_open_window ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "campaigns");
  fixture->page = HD_CAMPAIGNS_PAGE (hd_window_get_page (fixture->window, "campaigns"));
  test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_close_all ();
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->pounds);
  g_clear_object (&fixture->yen);
  g_clear_object (&fixture->audience);
  g_clear_object (&fixture->post);
}

/* Not a check: with HERALD_RENDER_DIR set, the window is drawn to PNG files there, light and
 * dark, wide and at a phone's width, for a person to look at. */
static void
render_to (GtkWidget  *window,
           const char *dir,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, path);
}

static void
render_sizes (HdWindow   *window,
              const char *name)
{
  const char *dir = g_getenv ("HERALD_RENDER_DIR");
  static const struct { int width; int height; const char *suffix; } sizes[] = {
    { 1000, 900, "" },
    { 360, 900, "-narrow" },
  };

  if (dir == NULL)
    return;

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *file = g_strdup_printf ("%s%s%s", name, sizes[i].suffix,
                                                   dark ? "-dark" : "");

          gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
          for (guint n = 0; n < 100 && gtk_widget_get_width (GTK_WIDGET (window))
                                      != sizes[i].width; n++)
            test_iterate ();
          test_iterate ();
          render_to (GTK_WIDGET (window), dir, file);
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return GTK_SCROLLED_WINDOW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The editor is long: it is drawn again scrolled down a screen at a time. */
static void
render_scrolled (HdWindow   *window,
                 GtkWidget  *editor,
                 const char *name)
{
  GtkScrolledWindow *scroller = find_scroller (editor);

  if (g_getenv ("HERALD_RENDER_DIR") == NULL || scroller == NULL)
    return;

  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%u", name, i);

      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), i * 700.0);
      render_sizes (window, file);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), i * 700.0);
    }
}

static void
type_into (GtkEditable *editable,
           const char  *text)
{
  gtk_editable_set_text (editable, text);
  test_iterate ();
}

/* "YYYY-MM-DD 09:00" @days from today, on the London clock the account keeps. */
static char *
london_morning (int days)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_strdup_printf ("%04d-%02d-%02d 09:00", g_date_time_get_year (day),
                          g_date_time_get_month (day), g_date_time_get_day_of_month (day));
}

static gboolean
has_change (GPtrArray  *changes,
            const char *kind,
            const char *id)
{
  for (guint i = 0; i < changes->len; i++)
    {
      HdChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->subject_kind, kind) == 0 && g_strcmp0 (change->subject_id, id) == 0)
        return TRUE;
    }

  return FALSE;
}

static HdCampaignEditor *
start_campaign (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "campaigns.new", NULL);
  test_iterate ();
  g_assert_cmpstr (hd_campaigns_page_get_view (fixture->page), ==, "editor");

  return hd_campaigns_page_get_editor (fixture->page);
}

static void
test_build_and_save (Fixture       *fixture,
                     gconstpointer  data)
{
  HdCampaignEditor *editor;
  HdAdSetEditor *ad_set_editor;
  HdBudgetRow *budget;
  HdAdEditor *ad_editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdCampaign) saved = NULL;
  g_autoptr(GListModel) ad_sets = NULL;
  g_autoptr(HdAdSet) saved_ad_set = NULL;
  g_autoptr(GListModel) ads = NULL;
  g_autoptr(HdAd) saved_ad = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *start = london_morning (1);
  g_autofree char *end = london_morning (15);
  g_autofree char *body = NULL;
  gint64 minor = 0;
  guint n_problems;

  editor = start_campaign (fixture);
  type_into (hd_campaign_editor_get_name_editable (editor), "Spring menu");
  hd_campaign_editor_set_account (editor, hd_ad_account_get_id (fixture->pounds));
  hd_campaign_editor_set_objective (editor, "OUTCOME_TRAFFIC");
  hd_campaign_editor_set_special_category (editor, "NONE");
  g_assert_cmpuint (hd_campaign_editor_get_n_ad_sets (editor), ==, 1);

  ad_set_editor = hd_campaign_editor_get_ad_set_editor (editor, 0);
  budget = hd_ad_set_editor_get_budget_row (ad_set_editor);
  g_assert_cmpstr (hd_budget_row_get_currency (budget), ==, "GBP");
  type_into (hd_ad_set_editor_get_editable (ad_set_editor, "start_time"), start);
  type_into (hd_ad_set_editor_get_editable (ad_set_editor, "end_time"), end);
  g_assert_nonnull (strstr (hd_ad_set_editor_get_zone_text (ad_set_editor), "Europe/London"));

  /* £20 a day: 2000 pence underneath, and the flight's cost forecast. */
  type_into (hd_budget_row_get_entry (budget), "20");
  g_assert_true (hd_budget_row_get_amount (budget, &minor));
  g_assert_cmpint (minor, ==, 2000);
  g_assert_nonnull (strstr (hd_budget_row_get_minor_units_text (budget), "2000"));
  g_assert_nonnull (strstr (hd_budget_row_get_forecast (budget), "£20.00 a day"));
  g_assert_nonnull (strstr (hd_budget_row_get_forecast (budget), "14 days"));
  g_assert_null (hd_budget_row_get_minimum_text (budget));
  g_assert_cmpint (hd_budget_row_get_kind (budget), ==, HD_BUDGET_KIND_DAILY);

  hd_ad_set_editor_set_goal (ad_set_editor, "LINK_CLICKS", "IMPRESSIONS");

  /* Painting hours turns the budget into one for the whole flight, carrying the money. */
  hd_ad_set_editor_paint_weekdays (ad_set_editor);
  test_iterate ();
  g_assert_true (hd_daypart_grid_get_hour (hd_ad_set_editor_get_daypart_grid (ad_set_editor),
                                           1, 9));
  g_assert_false (hd_daypart_grid_get_hour (hd_ad_set_editor_get_daypart_grid (ad_set_editor),
                                            0, 9));
  g_assert_cmpint (hd_budget_row_get_kind (budget), ==, HD_BUDGET_KIND_LIFETIME);
  g_assert_nonnull (hd_budget_row_get_note (budget));
  g_assert_true (hd_budget_row_get_amount (budget, &minor));
  g_assert_cmpint (minor, ==, 2000 * 14);
  hd_budget_row_set_kind (budget, HD_BUDGET_KIND_DAILY);
  g_assert_cmpint (hd_budget_row_get_kind (budget), ==, HD_BUDGET_KIND_LIFETIME);

  hd_ad_set_editor_set_audience (ad_set_editor, hd_audience_get_id (fixture->audience));
  test_iterate ();
  g_assert_nonnull (hd_ad_set_editor_get_audience_summary (ad_set_editor));

  /* The ad, made from the post: its text comes along and names the ad. */
  ad_editor = hd_ad_set_editor_get_ad_editor (ad_set_editor, 0);
  hd_ad_editor_choose_post (ad_editor, hd_post_get_id (fixture->post));
  test_iterate ();
  body = hd_ad_editor_get_body (ad_editor);
  g_assert_cmpstr (body, ==, POST_TEXT);
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (hd_ad_editor_get_editable (ad_editor,
                                                                                     "name")),
                                   "Ad: Spring menu"));
  type_into (hd_ad_editor_get_editable (ad_editor, "title"), "Fresh from Saturday");
  type_into (hd_ad_editor_get_editable (ad_editor, "link_url"), "https://example.com/spring");
  hd_ad_editor_set_call_to_action (ad_editor, "LEARN_MORE");

  n_problems = hd_campaign_editor_check (editor);
  if (n_problems > 0)
    g_test_message ("Check: %s / %s", hd_campaign_editor_get_problem (editor, NULL),
                    hd_ad_set_editor_get_problem (ad_set_editor, NULL));
  g_assert_cmpuint (n_problems, ==, 0);
  g_assert_null (hd_campaign_editor_get_problem_count (editor));

  render_sizes (fixture->window, "campaign-editor");
  render_scrolled (fixture->window, GTK_WIDGET (editor), "campaign-editor");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_iterate ();
  g_assert_null (hd_campaign_editor_get_status (editor));

  saved = hd_store_load_campaign (store (), hd_campaign_get_id (hd_campaign_editor_get_campaign (editor)),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_campaign_get_name (saved), ==, "Spring menu");
  g_assert_cmpstr (hd_campaign_get_objective (saved), ==, "OUTCOME_TRAFFIC");
  g_assert_cmpint (hd_campaign_get_status (saved), ==, HD_AD_STATUS_PAUSED);
  g_assert_cmpstr (hd_campaign_get_account_id (saved), ==, hd_ad_account_get_id (fixture->pounds));

  ad_sets = hd_store_list_ad_sets (store (), hd_campaign_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ad_sets), ==, 1);
  saved_ad_set = g_list_model_get_item (ad_sets, 0);
  g_assert_cmpint (hd_ad_set_get_budget_kind (saved_ad_set), ==, HD_BUDGET_KIND_LIFETIME);
  g_assert_cmpint (hd_ad_set_get_budget_minor (saved_ad_set), ==, 28000);
  g_assert_cmpstr (hd_ad_set_get_currency (saved_ad_set), ==, "GBP");
  g_assert_cmpstr (hd_ad_set_get_audience_id (saved_ad_set), ==,
                   hd_audience_get_id (fixture->audience));
  g_assert_nonnull (hd_ad_set_get_dayparting (saved_ad_set));
  g_assert_nonnull (strstr (hd_ad_set_get_dayparting (saved_ad_set), "start_minute"));
  /* The painted hours are on the ad account's clock, the one the editor shows. */
  g_assert_nonnull (strstr (hd_ad_set_get_dayparting (saved_ad_set),
                            "\"timezone_type\":\"ADVERTISER\""));
  g_assert_null (strstr (hd_ad_set_get_dayparting (saved_ad_set), "USER"));

  ads = hd_store_list_ads (store (), hd_ad_set_get_id (saved_ad_set), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ads), ==, 1);
  saved_ad = g_list_model_get_item (ads, 0);
  g_assert_cmpstr (hd_ad_get_post_id (saved_ad), ==, hd_post_get_id (fixture->post));
  g_assert_cmpstr (hd_ad_get_body (saved_ad), ==, POST_TEXT);
  g_assert_cmpstr (hd_ad_get_link (saved_ad), ==, "https://example.com/spring");
  g_assert_cmpstr (hd_ad_get_call_to_action (saved_ad), ==, "LEARN_MORE");

  /* Each object waits in the outbox, on the account's Facebook channel. */
  changes = hd_store_list_changes (store (), hd_channel_get_id (fixture->channel),
                                   HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_true (has_change (changes, HD_OUTBOX_SUBJECT_CAMPAIGN, hd_campaign_get_id (saved)));
  g_assert_true (has_change (changes, HD_OUTBOX_SUBJECT_AD_SET, hd_ad_set_get_id (saved_ad_set)));
  g_assert_true (has_change (changes, HD_OUTBOX_SUBJECT_AD, hd_ad_get_id (saved_ad)));

  /* Back on the list, the campaign is there. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.back", NULL);
  test_iterate ();
  g_assert_cmpstr (hd_campaigns_page_get_view (fixture->page), ==, "list");
  render_sizes (fixture->window, "campaigns-list");
}

static void
test_yen_budget (Fixture       *fixture,
                 gconstpointer  data)
{
  HdCampaignEditor *editor = start_campaign (fixture);
  HdBudgetRow *budget;
  gint64 minor = 0;

  hd_campaign_editor_set_account (editor, hd_ad_account_get_id (fixture->yen));
  test_iterate ();
  budget = hd_ad_set_editor_get_budget_row (hd_campaign_editor_get_ad_set_editor (editor, 0));
  g_assert_cmpstr (hd_budget_row_get_currency (budget), ==, "JPY");

  /* Yen have no smaller unit: 2000 typed is 2000 sent. */
  type_into (hd_budget_row_get_entry (budget), "2000");
  g_assert_true (hd_budget_row_get_amount (budget, &minor));
  g_assert_cmpint (minor, ==, 2000);
  g_assert_nonnull (strstr (hd_budget_row_get_minor_units_text (budget), "no smaller unit"));
  g_assert_nonnull (strstr (hd_budget_row_get_forecast (budget), "¥2,000"));

  /* Half a yen is refused with a sentence, and nothing is taken from it. */
  type_into (hd_budget_row_get_entry (budget), "2000.5");
  g_assert_false (hd_budget_row_get_amount (budget, &minor));
  g_assert_nonnull (hd_budget_row_get_minor_units_text (budget));
  g_assert_null (strstr (hd_budget_row_get_minor_units_text (budget), "Sent to Meta"));
}

static void
test_check_problems (Fixture       *fixture,
                     gconstpointer  data)
{
  HdCampaignEditor *editor = start_campaign (fixture);
  HdAdSetEditor *ad_set_editor = hd_campaign_editor_get_ad_set_editor (editor, 0);
  HdBudgetRow *budget = hd_ad_set_editor_get_budget_row (ad_set_editor);
  g_autoptr(GPtrArray) changes = NULL;
  guint n_problems;

  /* No name, and 50p a day where the account needs £1.00. */
  hd_campaign_editor_set_account (editor, hd_ad_account_get_id (fixture->pounds));
  hd_campaign_editor_set_objective (editor, "OUTCOME_AWARENESS");
  type_into (hd_budget_row_get_entry (budget), "0.50");
  g_assert_nonnull (hd_budget_row_get_minimum_text (budget));
  g_assert_nonnull (strstr (hd_budget_row_get_minimum_text (budget), "£1.00"));

  n_problems = hd_campaign_editor_check (editor);
  g_assert_cmpuint (n_problems, >, 0);
  g_assert_nonnull (hd_campaign_editor_get_problem (editor, "name"));
  g_assert_nonnull (hd_campaign_editor_get_problem (editor, "special_ad_categories"));
  g_assert_null (hd_campaign_editor_get_problem (editor, "objective"));
  g_assert_nonnull (hd_ad_set_editor_get_problem (ad_set_editor, "daily_budget"));
  g_assert_nonnull (strstr (hd_ad_set_editor_get_problem (ad_set_editor, "daily_budget"),
                            "£1.00"));
  g_assert_nonnull (hd_campaign_editor_get_problem_count (editor));
  g_assert_true (g_str_has_suffix (hd_campaign_editor_get_problem_count (editor), "problems"));

  render_sizes (fixture->window, "campaign-check");

  /* Fixing the name takes its problem away on the next Check. */
  type_into (hd_campaign_editor_get_name_editable (editor), "Summer");
  hd_campaign_editor_check (editor);
  g_assert_null (hd_campaign_editor_get_problem (editor, "name"));

  /* Check writes nothing. */
  changes = hd_store_list_changes (store (), NULL, HD_OUTBOX_STATE_PENDING, NULL);
  g_assert_cmpuint (changes->len, ==, 0);
}

static char *
london_day (gint64 instant)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
test_results_pace (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  HdCampaignResults *results;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* Counts are written the locale's way. */
  g_autofree char *impressions = hd_format_count (10000);

  hd_campaign_set_name (campaign, "Mother’s day");
  hd_campaign_set_objective (campaign, "OUTCOME_AWARENESS");
  hd_campaign_set_special_ad_categories (campaign, "[\"NONE\"]");
  hd_campaign_set_account_id (campaign, hd_ad_account_get_id (fixture->pounds));
  hd_campaign_set_remote_id (campaign, "120200000001");
  hd_campaign_set_status (campaign, HD_AD_STATUS_ACTIVE);
  g_assert_true (hd_store_save_campaign (store (), campaign, &error));
  g_assert_no_error (error);

  /* £280 for fourteen days, five of them gone at £40 a day: £560 at this pace. */
  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Mums nearby");
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_LIFETIME);
  hd_ad_set_set_budget_minor (ad_set, 28000);
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_ad_set_set_starts_at (ad_set, now - 5 * 86400 + 60);
  hd_ad_set_set_ends_at (ad_set, now + 9 * 86400 - 60);
  hd_ad_set_set_status (ad_set, HD_AD_STATUS_ACTIVE);
  g_assert_true (hd_store_save_ad_set (store (), ad_set, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *day = london_day (now - (5 - i) * 86400 + 3600);

      g_assert_true (hd_store_put_daily_insight (store (), HD_METRIC_SUBJECT_CAMPAIGN,
                                                 hd_campaign_get_id (campaign),
                                                 hd_channel_get_id (fixture->channel), day,
                                                 HD_METRIC_SPEND, 4000, &error));
      g_assert_true (hd_store_put_daily_insight (store (), HD_METRIC_SUBJECT_CAMPAIGN,
                                                 hd_campaign_get_id (campaign),
                                                 hd_channel_get_id (fixture->channel), day,
                                                 HD_METRIC_IMPRESSIONS, 2000, &error));
      g_assert_true (hd_store_put_daily_insight (store (), HD_METRIC_SUBJECT_CAMPAIGN,
                                                 hd_campaign_get_id (campaign),
                                                 hd_channel_get_id (fixture->channel), day,
                                                 HD_CAMPAIGN_METRIC_CLICKS, 40, &error));
      g_assert_no_error (error);
    }

  hd_campaigns_page_show_results (fixture->page, campaign);
  test_iterate ();
  g_assert_cmpstr (hd_campaigns_page_get_view (fixture->page), ==, "results");
  results = hd_campaigns_page_get_results (fixture->page);

  g_assert_cmpstr (hd_campaign_results_get_spend_text (results), ==, "£200.00 of £280.00 spent");
  g_assert_nonnull (hd_campaign_results_get_pace_warning (results));
  g_assert_nonnull (strstr (hd_campaign_results_get_pace_warning (results), "£40.00 a day"));
  g_assert_cmpstr (hd_campaign_results_get_total (results, "impressions"), ==, impressions);
  g_assert_cmpstr (hd_campaign_results_get_total (results, "ctr"), ==, "2.00%");
  g_assert_cmpstr (hd_campaign_results_get_total (results, "cpc"), ==, "£1.00");

  render_sizes (fixture->window, "campaign-results");

  /* A budget that lasts at this pace has no warning. */
  hd_ad_set_set_budget_minor (ad_set, 80000);
  g_assert_true (hd_store_save_ad_set (store (), ad_set, &error));
  hd_campaign_results_reload (results);
  g_assert_null (hd_campaign_results_get_pace_warning (results));
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  /* The accounts go; the page says where ads come from and offers to fetch them. */
  g_assert_true (hd_store_replace_ad_accounts (store (), hd_channel_get_id (fixture->channel),
                                               none, &error));
  g_assert_no_error (error);
  test_iterate ();
  render_sizes (fixture->window, "campaigns-empty");
  g_assert_cmpstr (hd_campaigns_page_get_view (fixture->page), ==, "list");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/London", TRUE);
  test_ui_init (&argc, &argv);

  g_test_add ("/herald/campaigns/editor/build-and-save", Fixture, NULL, fixture_set_up,
              test_build_and_save, fixture_tear_down);
  g_test_add ("/herald/campaigns/editor/yen-budget", Fixture, NULL, fixture_set_up,
              test_yen_budget, fixture_tear_down);
  g_test_add ("/herald/campaigns/editor/check-problems", Fixture, NULL, fixture_set_up,
              test_check_problems, fixture_tear_down);
  g_test_add ("/herald/campaigns/results/pace-warning", Fixture, NULL, fixture_set_up,
              test_results_pace, fixture_tear_down);
  g_test_add ("/herald/campaigns/page/empty-state", Fixture, NULL, fixture_set_up,
              test_empty_state, fixture_tear_down);

  return g_test_run ();
}
