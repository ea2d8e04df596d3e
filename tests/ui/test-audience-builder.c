/* test-audience-builder.c: building, saving and deleting audiences against the fake
 * Marketing API, online and offline
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-ui.h"

#include "hd-ad-account.h"
#include "hd-ad-set.h"
#include "hd-campaign.h"
#include "hd-fake-meta-ads.h"
#include "hd-meta-ads.h"
#include "hd-secrets.h"
#include "hd-store-ad-accounts.h"
#include "hd-store-audiences.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-test-network-monitor.h"
#include "audiences/hd-audience-editor.h"
#include "audiences/hd-audiences-page.h"
#include "audiences/hd-location-row.h"
#include "widgets/hd-format.h"

/* The fixture: a workspace with a Facebook channel and its ad account on the fake */

typedef struct
{
  HdFakeMetaAds        *fake;
  HdStore              *store;
  HdTestNetworkMonitor *monitor;
  HdAudienceEditor     *editor;
} Fixture;

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_secrets_store_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdAdAccount) account = hd_ad_account_new ();
  g_autofree char *graph = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored = FALSE;

  test_open_workspace (HD_WORKSPACE_OWN);
  fixture->store = g_object_ref (hd_application_get_store (test_app));
  fixture->monitor = hd_test_use_network (test_app, TRUE);

  fixture->fake = hd_fake_meta_ads_new ();
  graph = hd_fake_meta_ads_get_graph_base (fixture->fake);

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (channel, "Hazel’s Grooming");
  hd_channel_set_base_url (channel, graph);
  hd_channel_set_remote_account_id (channel, "104857600");
  g_assert_true (hd_store_save_channel (fixture->store, channel, &error));
  g_assert_no_error (error);

  hd_secrets_store_async (hd_channel_get_id (channel), HD_META_ADS_TOKEN_KIND, NULL,
                          fixture->fake->user_token, NULL, secret_stored_cb, &stored);
  test_wait_until (stored, 10);

  hd_ad_account_set_channel_id (account, hd_channel_get_id (channel));
  hd_ad_account_set_remote_id (account, fixture->fake->account_id);
  hd_ad_account_set_name (account, "Hazel’s Grooming");
  hd_ad_account_set_currency (account, "GBP");
  hd_ad_account_set_time_zone (account, "Europe/London");
  g_assert_true (hd_store_save_ad_account (fixture->store, account, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_close_all ();
  g_clear_object (&fixture->store);
  hd_fake_meta_ads_free (fixture->fake);
  hd_application_set_network_monitor (test_app, g_network_monitor_get_default ());
  g_clear_object (&fixture->monitor);
}

static HdAudienceEditor *
open_editor_sized (Fixture    *fixture,
                   HdAudience *audience,
                   int         width,
                   int         height)
{
  HdAudienceEditor *editor = hd_audience_editor_new (fixture->store, audience);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (editor), width, height);
  gtk_window_present (GTK_WINDOW (editor));
  test_iterate ();
  return editor;
}

static HdAudienceEditor *
open_editor (Fixture    *fixture,
             HdAudience *audience)
{
  return open_editor_sized (fixture, audience, -1, -1);
}

static gpointer
part (HdAudienceEditor *editor,
      const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                   HD_TYPE_AUDIENCE_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

/* A control of the location row @index of the builder. */
static gpointer
location_part (HdAudienceEditor *editor,
               guint             index,
               const char       *name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (part (editor, "location_list"), index);
  GObject *object;

  g_assert_true (HD_IS_LOCATION_ROW (row));
  object = gtk_widget_get_template_child (GTK_WIDGET (row), HD_TYPE_LOCATION_ROW, name);
  g_assert_nonnull (object);
  return object;
}

static const char *
label_text (HdAudienceEditor *editor,
            const char       *name)
{
  return gtk_label_get_label (part (editor, name));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The result row titled @title, once the search has shown one. */
static GtkListBoxRow *
wait_for_result (HdAudienceEditor *editor,
                 const char       *list_name,
                 const char       *title)
{
  GtkListBox *list = part (editor, list_name);
  GtkListBoxRow *found = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (found == NULL)
    {
      for (guint i = 0; found == NULL && gtk_list_box_get_row_at_index (list, i) != NULL; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

          if (ADW_IS_PREFERENCES_ROW (row)
              && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
            found = row;
        }
      if (found != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("No search result called %s; status: %s", title,
                 gtk_label_get_label (part (editor, g_str_equal (list_name, "location_results")
                                                    ? "location_status_label"
                                                    : "interest_status_label")));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  test_iterate ();
  return found;
}

/* "About 41,000–48,000 people" with the digits grouped as the locale groups them. */
static char *
people (gint64 lower,
        gint64 upper)
{
  g_autofree char *from = hd_format_count (lower);
  g_autofree char *to = hd_format_count (upper);

  return g_strdup_printf ("About %s–%s people", from, to);
}

static void
search (HdAudienceEditor *editor,
        const char       *entry_name,
        const char       *text)
{
  GtkEditable *entry = part (editor, entry_name);

  gtk_editable_set_text (entry, text);
  /* Enter searches at once, without the entry's typing delay. */
  g_signal_emit_by_name (entry, "activate");
  test_iterate ();
}

static void
add_interest (HdAudienceEditor *editor,
              const char       *query,
              const char       *name)
{
  GtkListBoxRow *row;

  search (editor, "interest_entry", query);
  row = wait_for_result (editor, "interest_results", name);
  /* "clicked" itself: a button's keyboard activation clicks only after a short delay. */
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (row), "add-button"), "clicked");
  test_iterate ();
}

/* Name, Watford + 10 mi, 25–45, Dogs or Pet grooming. */
static void
build_watford_audience (HdAudienceEditor *editor)
{
  GtkListBoxRow *row;
  GtkListBox *locations = part (editor, "location_list");

  gtk_editable_set_text (GTK_EDITABLE (part (editor, "name_row")), "Dog owners near Watford");

  search (editor, "location_entry", "Watford");
  row = wait_for_result (editor, "location_results", "Watford");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "City · England, United Kingdom");
  gtk_widget_activate (GTK_WIDGET (row));
  test_iterate ();

  g_assert_cmpuint (count_rows (locations), ==, 1);
  gtk_spin_button_set_value (location_part (editor, 0, "radius_spin"), 10);
  gtk_drop_down_set_selected (location_part (editor, 0, "unit_dropdown"), 1);

  gtk_spin_button_set_value (part (editor, "age_min_spin"), 25);
  gtk_spin_button_set_value (part (editor, "age_max_spin"), 45);

  add_interest (editor, "Dogs", "Dogs");
  add_interest (editor, "grooming", "Pet grooming");
}

static void
test_build_and_save (Fixture       *fixture,
                     gconstpointer  data)
{
  HdAudienceEditor *editor = open_editor (fixture, NULL);
  gpointer open = editor;
  g_autofree char *expected = NULL;
  g_autoptr(GListModel) audiences = NULL;
  g_autoptr(HdAudience) saved = NULL;
  g_autoptr(JsonNode) spec = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *city;
  JsonArray *flexible;
  JsonArray *interests;

  build_watford_audience (editor);

  g_assert_cmpstr (label_text (editor, "summary_label"), ==,
                   "People 25–45 within 10 mi of Watford, England, interested in Dogs or "
                   "Pet grooming");
  g_assert_true (gtk_widget_get_visible (part (editor, "groups_box")));

  /* The estimate for a city: the fake counts 121,000 to 145,200 people. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.estimate", NULL);
  expected = people (121000, 145200);
  test_wait_until (g_str_has_prefix (label_text (editor, "size_label"), expected), 10);

  g_object_add_weak_pointer (G_OBJECT (editor), &open);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_iterate ();
  /* Saved, the builder closes. */
  g_assert_null (open);

  audiences = hd_store_list_audiences (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 1);
  saved = g_list_model_get_item (audiences, 0);
  g_assert_cmpstr (hd_audience_get_name (saved), ==, "Dog owners near Watford");
  g_assert_cmpint (hd_audience_get_estimated_size (saved), ==, 121000);
  g_assert_cmpint (hd_audience_get_estimated_upper (saved), ==, 145200);
  g_assert_cmpint (hd_audience_get_estimated_at (saved), >, 0);

  spec = json_from_string (hd_audience_get_spec (saved), &error);
  g_assert_no_error (error);
  root = json_node_get_object (spec);
  city = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (root, "geo_locations"),
                                  "cities"), 0);
  g_assert_cmpstr (json_object_get_string_member (city, "key"), ==, "2448217");
  g_assert_cmpint (json_object_get_int_member (city, "radius"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (city, "distance_unit"), ==, "mile");
  g_assert_cmpint (json_object_get_int_member (root, "age_min"), ==, 25);
  g_assert_cmpint (json_object_get_int_member (root, "age_max"), ==, 45);

  flexible = json_object_get_array_member (root, "flexible_spec");
  g_assert_cmpuint (json_array_get_length (flexible), ==, 1);
  interests = json_object_get_array_member (json_array_get_object_element (flexible, 0),
                                            "interests");
  g_assert_cmpuint (json_array_get_length (interests), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (interests, 0),
                                                  "id"), ==, "6003107902433");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (interests, 1),
                                                  "id"), ==, "6003334856617");
  /* Advantage audience is stated, off, as the switch showed. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     root, "targeting_automation"), "advantage_audience"), ==, 0);
}

static void
test_groups_are_and (Fixture       *fixture,
                     gconstpointer  data)
{
  HdAudienceEditor *editor = open_editor (fixture, NULL);
  GtkWidget *groups = part (editor, "groups_box");
  g_autoptr(GString) headings = g_string_new (NULL);

  add_interest (editor, "Dogs", "Dogs");
  add_interest (editor, "grooming", "Pet grooming");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-group", NULL);
  add_interest (editor, "training", "Dog training");

  for (GtkWidget *child = gtk_widget_get_first_child (groups); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child))
      {
        GtkWidget *heading = gtk_widget_get_first_child (child);

        g_string_append (headings, gtk_label_get_label (GTK_LABEL (heading)));
        g_string_append (headings, "|");
      }
  g_assert_cmpstr (headings->str, ==, "People who match any of these|and also any of these|");
  g_assert_true (g_str_has_suffix (label_text (editor, "summary_label"),
                                   "interested in Dogs or Pet grooming, and in Dog training"));

  /* Excluding an interest takes it out of its group. */
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (wait_for_result (editor,
                                                                       "interest_results",
                                                                       "Dog training")),
                                            "exclude-button"), "clicked");
  test_iterate ();
  g_assert_true (g_str_has_suffix (label_text (editor, "summary_label"),
                                   "interested in Dogs or Pet grooming, but not in Dog training"));
}

static void
test_offline_search (Fixture       *fixture,
                     gconstpointer  data)
{
  HdAudienceEditor *editor = open_editor (fixture, NULL);
  GtkListBox *results = part (editor, "location_results");

  search (editor, "location_entry", "Watford");
  wait_for_result (editor, "location_results", "Watford");
  g_assert_false (gtk_widget_get_visible (part (editor, "location_status_label")));

  search (editor, "location_entry", "");
  g_assert_cmpuint (count_rows (results), ==, 0);

  hd_test_network_monitor_set_available (fixture->monitor, FALSE);
  test_iterate ();

  /* The same search, however it is typed, answers from what was kept. */
  search (editor, "location_entry", "  watford ");
  wait_for_result (editor, "location_results", "Watford");
  g_assert_cmpuint (count_rows (results), ==, 2);
  g_assert_cmpstr (label_text (editor, "location_status_label"), ==,
                   "Offline: showing saved results.");

  /* A search never made online says what to do. */
  search (editor, "location_entry", "Luton");
  g_assert_cmpuint (count_rows (results), ==, 0);
  g_assert_true (gtk_widget_get_visible (part (editor, "location_status_label")));
  g_assert_true (g_str_has_prefix (label_text (editor, "location_status_label"),
                                   "Offline, and this search was not made before."));

  /* Offline, no estimate is asked for, and the builder says why. */
  g_assert_false (gtk_widget_is_sensitive (part (editor, "estimate_button")));
  g_assert_true (g_str_has_prefix (label_text (editor, "estimate_status_label"), "Offline"));
}

static void
test_server_down_falls_back (Fixture       *fixture,
                             gconstpointer  data)
{
  HdAudienceEditor *editor = open_editor (fixture, NULL);

  search (editor, "interest_entry", "Dogs");
  wait_for_result (editor, "interest_results", "Dogs");
  search (editor, "interest_entry", "");

  /* The network is there, but Meta answers with an error: the kept answer shows, and why. */
  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_SERVER_ERROR);
  search (editor, "interest_entry", "dogs");
  test_wait_until (g_str_has_suffix (label_text (editor, "interest_status_label"),
                                     "Showing saved results."), 10);
  wait_for_result (editor, "interest_results", "Dogs");
}

static void
test_age_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  HdAudienceEditor *editor = open_editor (fixture, NULL);
  g_autoptr(GListModel) audiences = NULL;

  gtk_editable_set_text (GTK_EDITABLE (part (editor, "name_row")), "Everyone");
  gtk_spin_button_set_value (part (editor, "age_max_spin"), 30);
  gtk_spin_button_set_value (part (editor, "age_min_spin"), 50);
  test_iterate ();

  g_assert_true (gtk_widget_get_visible (part (editor, "age_error_label")));
  g_assert_cmpstr (label_text (editor, "age_error_label"), ==,
                   "The youngest age (50) is above the oldest (30). Lower the first or raise "
                   "the second.");
  /* The summary keeps the last range that made sense. */
  g_assert_true (g_str_has_prefix (label_text (editor, "summary_label"), "People 18–30"));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_iterate ();
  g_assert_true (gtk_widget_get_visible (part (editor, "error_label")));
  g_assert_cmpstr (label_text (editor, "error_label"), ==,
                   "The audience was not saved: the youngest age is above the oldest.");
  audiences = hd_store_list_audiences (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 0);

  gtk_spin_button_set_value (part (editor, "age_max_spin"), 65);
  test_iterate ();
  g_assert_false (gtk_widget_get_visible (part (editor, "age_error_label")));
  g_assert_true (g_str_has_prefix (label_text (editor, "summary_label"), "People 50 and over"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (editor, "age_max_spin"))), ==,
                   "65+");
}

static void
test_edit_keeps_settings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(HdAudience) audience = hd_audience_new ();
  HdAudienceEditor *editor;
  g_autofree char *expected = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  hd_audience_set_name (audience, "Grooming in Watford");
  hd_audience_set_spec (audience,
                        "{\"geo_locations\":{\"cities\":[{\"key\":\"2448217\",\"name\":\"Watford\","
                        "\"region\":\"England\",\"country\":\"GB\",\"radius\":10,"
                        "\"distance_unit\":\"mile\"}]},\"excluded_geo_locations\":{\"regions\":"
                        "[{\"key\":\"1036\",\"name\":\"England\",\"country\":\"GB\"}]},"
                        "\"genders\":[2],\"locales\":[6],\"age_min\":30,\"age_max\":65,"
                        "\"targeting_automation\":{\"advantage_audience\":1}}");
  hd_audience_set_estimated_size (audience, 41000);
  hd_audience_set_estimated_upper (audience, 48000);
  hd_audience_set_estimated_at (audience, 1796299200); /* 3 Dec 2026, 12:00 UTC */
  g_assert_true (hd_store_save_audience (fixture->store, audience, &error));
  g_assert_no_error (error);

  hd_test_network_monitor_set_available (fixture->monitor, FALSE);
  editor = open_editor (fixture, audience);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (part (editor, "name_row"))), ==,
                   "Grooming in Watford");
  g_assert_cmpfloat (gtk_spin_button_get_value (location_part (editor, 0, "radius_spin")), ==,
                    10);
  g_assert_cmpuint (gtk_drop_down_get_selected (location_part (editor, 0, "unit_dropdown")), ==,
                    1);
  g_assert_cmpstr (gtk_label_get_label (location_part (editor, 1, "subtitle_label")), ==,
                   "Excluded · Region");
  g_assert_true (gtk_check_button_get_active (location_part (editor, 1, "exclude_button")));
  g_assert_true (gtk_toggle_button_get_active (part (editor, "gender_women_button")));
  g_assert_true (gtk_switch_get_active (part (editor, "advantage_switch")));
  /* Offline, the estimate saved with the audience shows with its date. */
  expected = people (41000, 48000);
  g_assert_true (g_str_has_prefix (label_text (editor, "size_label"), expected));
  g_assert_true (g_str_has_suffix (label_text (editor, "size_label"), ", estimated 3 Dec"));

  /* Switching the exclusion off brings England back in, keeping the other settings. */
  gtk_check_button_set_active (location_part (editor, 1, "exclude_button"), FALSE);
  test_iterate ();
  g_assert_true (hd_audience_editor_get_audience (editor) == audience);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_iterate ();

  id = g_strdup (hd_audience_get_id (audience));
  g_clear_object (&audience);
  audience = hd_store_load_audience (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"locales\":[6]"));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"genders\":[2]"));
  g_assert_null (strstr (hd_audience_get_spec (audience), "excluded_geo_locations"));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"regions\":[{\"key\":\"1036\""));
  /* The estimate of 3 Dec was for the audience without England: it is not kept. */
  g_assert_cmpint (hd_audience_get_estimated_at (audience), ==, 0);
}

/* The title of each chosen language row, joined with "|". */
static char *
chosen_languages (HdAudienceEditor *editor)
{
  GtkListBox *list = part (editor, "language_list");
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      g_string_append (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      g_string_append (titles, "|");
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static void
test_languages (Fixture       *fixture,
                gconstpointer  data)
{
  HdAudienceEditor *editor = open_editor (fixture, NULL);
  gpointer open = editor;
  g_autoptr(GListModel) audiences = NULL;
  g_autoptr(HdAudience) saved = NULL;
  g_autoptr(HdAudience) unknown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *reopened = NULL;
  g_autofree char *fallback = NULL;
  GtkListBoxRow *row;

  gtk_editable_set_text (GTK_EDITABLE (part (editor, "name_row")), "Welsh speakers");
  g_assert_null (gtk_list_box_get_row_at_index (part (editor, "language_list"), 0));

  search (editor, "language_entry", "Welsh");
  row = wait_for_result (editor, "language_results", "Welsh");
  gtk_widget_activate (GTK_WIDGET (row));
  test_iterate ();
  search (editor, "language_entry", "english");
  row = wait_for_result (editor, "language_results", "English (UK)");
  gtk_widget_activate (GTK_WIDGET (row));
  test_iterate ();

  chosen = chosen_languages (editor);
  g_assert_cmpstr (chosen, ==, "Welsh|English (UK)|");
  g_assert_nonnull (strstr (label_text (editor, "summary_label"),
                            ", speaking Welsh or English (UK)"));

  /* Removing a language takes it out of the audience and the summary. */
  row = gtk_list_box_get_row_at_index (part (editor, "language_list"), 1);
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (row), "remove-button"), "clicked");
  test_iterate ();
  g_clear_pointer (&chosen, g_free);
  chosen = chosen_languages (editor);
  g_assert_cmpstr (chosen, ==, "Welsh|");
  g_assert_nonnull (strstr (label_text (editor, "summary_label"), ", speaking Welsh"));
  g_assert_null (strstr (label_text (editor, "summary_label"), "English"));

  g_object_add_weak_pointer (G_OBJECT (editor), &open);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  test_iterate ();
  g_assert_null (open);

  /* The spec holds Meta's key only. */
  audiences = hd_store_list_audiences (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 1);
  saved = g_list_model_get_item (audiences, 0);
  g_assert_nonnull (strstr (hd_audience_get_spec (saved), "\"locales\":[65]"));
  g_assert_null (strstr (hd_audience_get_spec (saved), "Welsh"));

  /* Reopened offline, the language still has its name, from the kept search answers. */
  hd_test_network_monitor_set_available (fixture->monitor, FALSE);
  editor = open_editor (fixture, saved);
  reopened = chosen_languages (editor);
  g_assert_cmpstr (reopened, ==, "Welsh|");
  g_assert_nonnull (strstr (label_text (editor, "summary_label"), ", speaking Welsh"));

  /* Offline, a search made before answers from what was kept. */
  search (editor, "language_entry", "WELSH");
  wait_for_result (editor, "language_results", "Welsh");
  g_assert_cmpstr (label_text (editor, "language_status_label"), ==,
                   "Offline: showing saved results.");
  test_close_all ();

  /* A key no search has named still shows, as a language with its number. */
  unknown = hd_audience_new ();
  hd_audience_set_name (unknown, "From Ads Manager");
  hd_audience_set_spec (unknown, "{\"geo_locations\":{\"countries\":[\"GB\"]},"
                                 "\"locales\":[65,1002],"
                                 "\"targeting_automation\":{\"advantage_audience\":0}}");
  g_assert_true (hd_store_save_audience (fixture->store, unknown, &error));
  g_assert_no_error (error);
  editor = open_editor (fixture, unknown);
  fallback = chosen_languages (editor);
  g_assert_cmpstr (fallback, ==, "Welsh|Language 1002|");
  g_assert_nonnull (strstr (label_text (editor, "summary_label"),
                            ", speaking Welsh or Language 1002"));
}

static HdAudience *
save_audience (Fixture    *fixture,
               const char *name)
{
  HdAudience *audience = hd_audience_new ();
  g_autoptr(GError) error = NULL;

  hd_audience_set_name (audience, name);
  hd_audience_set_spec (audience,
                        "{\"geo_locations\":{\"cities\":[{\"key\":\"2448217\",\"name\":\"Watford\","
                        "\"region\":\"England\",\"country\":\"GB\",\"radius\":10,"
                        "\"distance_unit\":\"mile\"}]},\"age_min\":25,\"age_max\":45,"
                        "\"flexible_spec\":[{\"interests\":[{\"id\":\"6003107902433\","
                        "\"name\":\"Dogs\"},{\"id\":\"6003334856617\","
                        "\"name\":\"Pet grooming\"}]}],"
                        "\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_audience_set_estimated_size (audience, 41000);
  hd_audience_set_estimated_upper (audience, 48000);
  hd_audience_set_estimated_at (audience, 1796299200);
  g_assert_true (hd_store_save_audience (fixture->store, audience, &error));
  g_assert_no_error (error);

  return audience;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
page_window (Fixture          *fixture,
             HdAudiencesPage **page_out,
             int               width)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = g_object_new (HD_TYPE_AUDIENCES_PAGE, "store", fixture->store, NULL);
  GtkWidget *overlay = adw_toast_overlay_new ();

  /* Toasts go to the window's overlay, as in Herald's main window. */
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (window, overlay);
  gtk_window_set_default_size (window, width, 600);
  gtk_window_present (window);
  test_iterate ();
  *page_out = HD_AUDIENCES_PAGE (page);
  return window;
}

static void
test_page_lists_and_deletes (Fixture       *fixture,
                             gconstpointer  data)
{
  HdAudiencesPage *page;
  GtkWindow *window = page_window (fixture, &page, 720);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                              HD_TYPE_AUDIENCES_PAGE, "stack"));
  g_autoptr(HdAudience) audience = NULL;
  g_autoptr(GListModel) audiences = NULL;
  g_autofree char *size = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "_New audience"));

  audience = save_audience (fixture, "Dog owners near Watford");
  test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Dog owners near Watford"));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "People 25–45 within 10 mi of Watford, England, interested "
                                "in Dogs or Pet grooming"));
  size = people (41000, 48000);
  g_assert_nonnull (find_label (GTK_WIDGET (page), size));
  g_assert_nonnull (find_label (GTK_WIDGET (page), ", estimated 3 Dec"));

  hd_audiences_page_delete (page, audience);
  test_iterate ();
  audiences = hd_store_list_audiences (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "“Dog owners near Watford” deleted"));

  gtk_widget_activate_action (GTK_WIDGET (page), "audiences.undo-delete", NULL);
  test_iterate ();
  g_clear_object (&audiences);
  audiences = hd_store_list_audiences (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");

  /* New audience opens the builder. */
  gtk_widget_activate_action (GTK_WIDGET (page), "audiences.new", NULL);
  test_iterate ();
  g_assert_nonnull (test_find_toplevel (HD_TYPE_AUDIENCE_EDITOR));

  gtk_window_destroy (window);
}

static void
test_page_refuses_used_audience (Fixture       *fixture,
                                 gconstpointer  data)
{
  HdAudiencesPage *page;
  GtkWindow *window = page_window (fixture, &page, 720);
  g_autoptr(HdAudience) audience = save_audience (fixture, "Used");
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(GListModel) audiences = NULL;
  g_autoptr(GError) error = NULL;

  hd_campaign_set_name (campaign, "Spring");
  g_assert_true (hd_store_save_campaign (fixture->store, campaign, &error));
  g_assert_no_error (error);
  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Watford");
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_budget_minor (ad_set, 2000);
  hd_ad_set_set_audience_id (ad_set, hd_audience_get_id (audience));
  g_assert_true (hd_store_save_ad_set (fixture->store, ad_set, &error));
  g_assert_no_error (error);
  test_iterate ();

  hd_audiences_page_delete (page, audience);
  test_iterate ();
  audiences = hd_store_list_audiences (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 1);
  /* The store's sentence reaches the toast. */
  g_assert_nonnull (find_label (GTK_WIDGET (window),
                                "Herald kept this audience because an ad set still targets it."));

  gtk_window_destroy (window);
}

/* At a phone's width the builder fits; HERALD_RENDER_DIR, when set, receives pictures. */

static void
render (GtkWidget  *window,
        const char *name)
{
  const char *dir = g_getenv ("HERALD_RENDER_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (window);
  /* A window draws nothing until its first frame. */
  for (guint i = 0; node == NULL && i < 100; i++)
    {
      test_iterate ();
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  const char *style = data;
  gboolean dark = g_str_has_prefix (style, "dark");
  HdAudienceEditor *editor;
  HdAudiencesPage *page;
  GtkWindow *window;
  g_autoptr(HdAudience) audience = NULL;
  int minimum;
  int width = strstr (style, "narrow") != NULL ? 360 : 640;
  g_autofree char *name = NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  editor = open_editor_sized (fixture, NULL, width, 760);
  build_watford_audience (editor);
  gtk_spin_button_set_value (part (editor, "pin_latitude_spin"), 51.6565);
  gtk_spin_button_set_value (part (editor, "pin_longitude_spin"), -0.3903);
  g_signal_emit_by_name (part (editor, "pin_add_button"), "clicked");
  test_iterate ();
  g_assert_cmpuint (count_rows (part (editor, "location_list")), ==, 2);
  g_assert_nonnull (strstr (label_text (editor, "summary_label"), " or within 5 km of "));
  gtk_check_button_set_active (location_part (editor, 1, "exclude_button"), TRUE);
  test_iterate ();
  g_assert_nonnull (strstr (label_text (editor, "summary_label"), ", excluding 51.6565, -0.3903"));
  g_assert_cmpstr (gtk_label_get_label (location_part (editor, 1, "subtitle_label")), ==,
                   "Excluded · pin at 51.6565, -0.3903");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-group", NULL);
  add_interest (editor, "training", "Dog training");
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (wait_for_result (editor,
                                                                       "interest_results",
                                                                       "Dog training")),
                                            "exclude-button"), "clicked");
  search (editor, "interest_entry", "Dog");
  wait_for_result (editor, "interest_results", "Dogs");
  search (editor, "language_entry", "Welsh");
  gtk_widget_activate (GTK_WIDGET (wait_for_result (editor, "language_results", "Welsh")));
  search (editor, "language_entry", "English");
  wait_for_result (editor, "language_results", "English (UK)");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.estimate", NULL);
  test_wait_until (g_str_has_prefix (label_text (editor, "size_label"), "About"), 10);

  gtk_widget_measure (GTK_WIDGET (editor), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  /* The window's frame takes a few pixels of the size asked for. */
  test_wait_until (ABS (gtk_widget_get_width (GTK_WIDGET (editor)) - width) <= 16, 10);

  /* One picture per screenful, scrolling down the builder. */
  scrolled = adw_toast_overlay_get_child (part (editor, "toast_overlay"));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *shot = g_strdup_printf ("audience-editor-%s-%u", style, i);

      gtk_adjustment_set_value (adjustment, i * gtk_adjustment_get_page_size (adjustment) * 0.9);
      test_iterate ();
      render (GTK_WIDGET (editor), shot);
    }
  gtk_window_destroy (GTK_WINDOW (editor));

  window = page_window (fixture, &page, width);
  test_wait_until (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) <= 16, 10);
  name = g_strdup_printf ("audiences-empty-%s", style);
  render (GTK_WIDGET (window), name);
  g_free (name);
  audience = save_audience (fixture, "Dog owners near Watford");
  test_iterate ();
  name = g_strdup_printf ("audiences-page-%s", style);
  render (GTK_WIDGET (window), name);
  gtk_window_destroy (window);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  test_ui_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/herald/audiences/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("build-and-save", test_build_and_save, NULL);
  ADD ("groups-are-and", test_groups_are_and, NULL);
  ADD ("offline-search", test_offline_search, NULL);
  ADD ("server-down-falls-back", test_server_down_falls_back, NULL);
  ADD ("age-refused", test_age_refused, NULL);
  ADD ("edit-keeps-settings", test_edit_keeps_settings, NULL);
  ADD ("languages", test_languages, NULL);
  ADD ("page-lists-and-deletes", test_page_lists_and_deletes, NULL);
  ADD ("page-refuses-used-audience", test_page_refuses_used_audience, NULL);
  ADD ("narrow-light", test_narrow, "light-narrow");
  ADD ("narrow-dark", test_narrow, "dark-narrow");
  ADD ("wide-light", test_narrow, "light-wide");
  ADD ("wide-dark", test_narrow, "dark-wide");

  return g_test_run ();
}
