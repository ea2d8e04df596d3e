/* test-ads-sender.c: campaigns, ad sets and ads sent through the outbox to the Marketing API
 * fake, in order, once, and resumed after failures without creating anything twice.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-ads.h"

static GPtrArray *
rows_of (AdsFixture    *fixture,
         HdOutboxState  state)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = hd_store_list_changes (fixture->env.store, NULL, state, &error);

  g_assert_no_error (error);
  return rows;
}

static HdChange *
row_of (AdsFixture *fixture,
        const char *subject_id)
{
  for (guint s = HD_OUTBOX_STATE_PENDING; s <= HD_OUTBOX_STATE_MISSED; s++)
    {
      g_autoptr(GPtrArray) rows = rows_of (fixture, s);

      for (guint i = 0; i < rows->len; i++)
        {
          HdChange *change = g_ptr_array_index (rows, i);

          if (g_str_equal (change->subject_id, subject_id))
            return hd_change_copy (change);
        }
    }

  g_assert_not_reached ();
}

static void
assert_created_once_each (AdsFixture *fixture)
{
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 1);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_AD_SET),
                    ==, 1);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake,
                                                    HD_FAKE_META_ADS_AD_CREATIVE), ==, 1);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_AD), ==, 1);
}

/* The tree on Meta hangs together by the ids Herald recorded. */
static void
assert_tree_on_meta (AdsFixture *fixture)
{
  g_autofree char *campaign_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_CAMPAIGN);
  g_autofree char *ad_set_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD_SET);
  g_autofree char *ad_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD);
  g_autoptr(HdAd) ad = NULL;
  JsonObject *campaign, *ad_set, *remote_ad, *creative, *story, *link_data, *button;

  g_assert_nonnull (campaign_id);
  g_assert_nonnull (ad_set_id);
  g_assert_nonnull (ad_id);

  campaign = hd_fake_meta_ads_lookup (fixture->fake, campaign_id);
  ad_set = hd_fake_meta_ads_lookup (fixture->fake, ad_set_id);
  remote_ad = hd_fake_meta_ads_lookup (fixture->fake, ad_id);
  g_assert_nonnull (campaign);
  g_assert_nonnull (ad_set);
  g_assert_nonnull (remote_ad);

  g_assert_cmpstr (json_object_get_string_member (campaign, "name"), ==, "Spring sale");
  /* New objects are created paused unless the user turned them on. */
  g_assert_cmpstr (json_object_get_string_member (campaign, "status"), ==, "PAUSED");
  g_assert_cmpstr (json_object_get_string_member (ad_set, "campaign_id"), ==, campaign_id);
  g_assert_cmpstr (json_object_get_string_member (ad_set, "daily_budget"), ==, "2000");
  g_assert_cmpstr (json_object_get_string_member (ad_set, "status"), ==, "PAUSED");
  g_assert_cmpstr (json_object_get_string_member (remote_ad, "adset_id"), ==, ad_set_id);
  g_assert_cmpstr (json_object_get_string_member (remote_ad, "status"), ==, "PAUSED");

  /* The ad names the creative Herald kept on the ad. */
  ad = hd_store_load_ad (fixture->env.store, hd_ad_get_id (fixture->ad), NULL);
  g_assert_nonnull (hd_ad_get_creative_remote_id (ad));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote_ad,
                                                                                  "creative"),
                                                  "creative_id"),
                   ==, hd_ad_get_creative_remote_id (ad));

  creative = hd_fake_meta_ads_lookup (fixture->fake, hd_ad_get_creative_remote_id (ad));
  g_assert_nonnull (creative);
  story = json_object_get_object_member (creative, "object_story_spec");
  g_assert_nonnull (story);
  g_assert_cmpstr (json_object_get_string_member (story, "page_id"), ==, "104857600");
  link_data = json_object_get_object_member (story, "link_data");
  g_assert_cmpstr (json_object_get_string_member (link_data, "message"), ==,
                   "Spring grooming, 20 % off all week.");
  g_assert_cmpstr (json_object_get_string_member (link_data, "link"), ==,
                   "https://hazels.example/book");
  g_assert_cmpstr (json_object_get_string_member (link_data, "name"), ==, "Book a groom");
  /* The picture went to the image library first. */
  g_assert_nonnull (json_object_get_string_member (link_data, "image_hash"));
  button = json_object_get_object_member (link_data, "call_to_action");
  g_assert_cmpstr (json_object_get_string_member (button, "type"), ==, "BOOK_NOW");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (button,
                                                                                  "value"),
                                                  "link"),
                   ==, "https://hazels.example/book");
}

static void
test_create_tree (AdsFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(HdCampaign) campaign = NULL;
  guint n_pending = 99;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");

  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  g_assert_true (hd_send_report_all_sent (report));
  /* Parent before children, each named as the user knows it. */
  g_assert_cmpstr (hd_send_report_get_item (report, 0)->excerpt, ==, "Campaign “Spring sale”");
  g_assert_cmpstr (hd_send_report_get_item (report, 1)->excerpt, ==,
                   "Ad set “Watford dog owners”");
  g_assert_cmpstr (hd_send_report_get_item (report, 2)->excerpt, ==, "Ad “Spring sale – groom”");
  g_assert_cmpstr (hd_send_report_get_item (report, 0)->channel_name, ==, "Hazel’s Grooming");

  assert_created_once_each (fixture);
  assert_tree_on_meta (fixture);

  done = rows_of (fixture, HD_OUTBOX_STATE_DONE);
  g_assert_cmpuint (done->len, ==, 3);
  g_assert_true (hd_store_count_pending_changes (fixture->env.store, &n_pending, NULL));
  g_assert_cmpuint (n_pending, ==, 0);

  /* What Meta holds is recorded, so a later edit sends only what changed. */
  campaign = hd_store_load_campaign (fixture->env.store, hd_campaign_get_id (fixture->campaign),
                                     NULL);
  g_assert_nonnull (hd_campaign_get_synced (campaign));
  g_assert_nonnull (strstr (hd_campaign_get_synced (campaign), "\"Spring sale\""));

  /* Nothing is left to send: a second run creates nothing. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  assert_created_once_each (fixture);
}

static void
test_resume_after_failure (AdsFixture    *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) ad_set_row = NULL;
  g_autofree char *campaign_id = NULL;
  g_autofree char *ad_set_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean waits = TRUE;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");

  /* The campaign goes; Meta fails on the ad set. */
  hd_fake_meta_ads_fail_request (fixture->fake, 2, HD_FAKE_META_ADS_FAULT_SERVER_ERROR);
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpint (hd_send_report_get_item (report, 1)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpint (hd_send_report_get_item (report, 1)->next_attempt_at, >, TEST_NOW);

  campaign_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_CAMPAIGN);
  g_assert_nonnull (campaign_id);
  ad_set_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD_SET);
  g_assert_null (ad_set_id);
  ad_set_row = row_of (fixture, hd_ad_set_get_id (fixture->ad_set));
  g_assert_cmpint (ad_set_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_nonnull (ad_set_row->last_error);

  /* The ad set waiting for its retry does not hold back the Page's posts. */
  hd_store_channel_waits (fixture->env.store, hd_channel_get_id (fixture->channel), TEST_NOW + 1,
                          &waits, &error);
  g_assert_no_error (error);
  g_assert_false (waits);

  /* Before its backoff nothing goes; after it, the rest goes, and nothing twice. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 1);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);

  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 2 * 60 * 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_true (hd_send_report_all_sent (report));

  assert_created_once_each (fixture);
  assert_tree_on_meta (fixture);
  g_free (campaign_id);
  campaign_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_CAMPAIGN);
  g_assert_nonnull (hd_fake_meta_ads_lookup (fixture->fake, campaign_id));
}

static void
test_lost_answer (AdsFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autofree char *campaign_id = NULL;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");

  /* Meta makes the campaign, and the answer never arrives. */
  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_LOST_ANSWER);
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 1);
  campaign_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_CAMPAIGN);
  g_assert_null (campaign_id);

  /* The retry finds it by name instead of making a second one. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 2 * 60 * 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_CONFIRMED);
  g_assert_true (hd_send_report_all_sent (report));
  assert_created_once_each (fixture);
  assert_tree_on_meta (fixture);
}

static void
test_process_died (AdsFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) campaign_row = NULL;
  g_autoptr(GError) error = NULL;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_true (hd_send_report_all_sent (report));

  /* An edit of the ad set was in flight when the process died: on the next start it is
   * unconfirmed, and sending the same values again is harmless. */
  hd_ad_set_set_budget_minor (fixture->ad_set, 3000);
  hd_store_save_ad_set_queued (fixture->env.store, fixture->ad_set, &error);
  g_assert_no_error (error);
  campaign_row = row_of (fixture, hd_ad_set_get_id (fixture->ad_set));
  g_assert_cmpstr (campaign_row->operation, ==, HD_OUTBOX_OPERATION_UPDATE);
  g_assert_true (hd_store_begin_sending_change (fixture->env.store, campaign_row->id, &error));
  g_assert_no_error (error);

  /* A new process: the lock of the one that died is taken over. */
  g_assert_finalize_object (fixture->ads);
  g_assert_finalize_object (fixture->sender);
  fixture->sender = hd_sender_new (fixture->env.store, fixture->env.http);
  fixture->ads = hd_ads_sender_new (fixture->sender);

  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_true (hd_send_report_all_sent (report));
  {
    g_autofree char *ad_set_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD_SET);

    g_assert_cmpstr (json_object_get_string_member (hd_fake_meta_ads_lookup (fixture->fake,
                                                                             ad_set_id),
                                                    "daily_budget"), ==, "3000");
  }
  assert_created_once_each (fixture);
}

/* In one process the senders share the right to send: one starting its run must not take a
 * row another has in flight for one left by a process that stopped. */
static void
test_shared_lock_keeps_rows_in_flight (AdsFixture    *fixture,
                                       gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) row = NULL;
  g_autoptr(HdChange) still = NULL;
  g_autoptr(GError) error = NULL;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  /* The post sender of this process holds the right to send... */
  hd_sender_recover (fixture->sender, NULL, &error);
  g_assert_no_error (error);
  /* ...and the campaign's request is on its way. */
  row = row_of (fixture, hd_campaign_get_id (fixture->campaign));
  g_assert_true (hd_store_begin_sending_change (fixture->env.store, row->id, &error));
  g_assert_no_error (error);

  /* Its children wait for it; it is neither looked up nor sent again. */
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_count (report, HD_SEND_OUTCOME_SENT), ==, 0);
  g_assert_cmpuint (hd_send_report_count (report, HD_SEND_OUTCOME_CONFIRMED), ==, 0);
  still = row_of (fixture, hd_campaign_get_id (fixture->campaign));
  g_assert_cmpint (still->state, ==, HD_OUTBOX_STATE_IN_FLIGHT);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 0);
}

static void
test_update_sends_changed_only (AdsFixture    *fixture,
                                gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ad_set_id = NULL;
  JsonObject *remote;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_true (hd_send_report_all_sent (report));
  ad_set_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD_SET);

  /* Renamed on Meta meanwhile: an update that sent every field would undo it. */
  hd_fake_meta_ads_edit (fixture->fake, ad_set_id, "name", "Renamed in Ads Manager");

  hd_ad_set_set_budget_minor (fixture->ad_set, 2500);
  hd_store_save_ad_set_queued (fixture->env.store, fixture->ad_set, &error);
  g_assert_no_error (error);

  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_true (hd_send_report_all_sent (report));

  remote = hd_fake_meta_ads_lookup (fixture->fake, ad_set_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "daily_budget"), ==, "2500");
  g_assert_cmpstr (json_object_get_string_member (remote, "name"), ==, "Renamed in Ads Manager");
  assert_created_once_each (fixture);

  /* Saved again without a change: done without asking Meta anything (a request now would
   * meet an expired token). */
  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_TOKEN_EXPIRED);
  hd_store_save_ad_set_queued (fixture->env.store, fixture->ad_set, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
}

static void
test_token_expired (AdsFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");

  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_TOKEN_EXPIRED);
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==,
                   HD_SEND_OUTCOME_NEEDS_RECONNECT);

  channel = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->channel),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);

  /* Every row waits for the reconnection; nothing was made. */
  pending = rows_of (fixture, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (pending->len, ==, 3);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 0);

  /* A channel that needs reconnecting is not tried again by itself. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 2 * 60 * 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);

  /* Reconnected, it all goes. */
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, channel, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 3 * 60 * 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  g_assert_true (hd_send_report_all_sent (report));
  assert_created_once_each (fixture);
}

static void
test_refused_for_good (AdsFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) campaign_row = NULL;
  g_autoptr(HdChange) ad_set_row = NULL;
  g_autoptr(HdChangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  /* A bid strategy Meta's specs do not list. */
  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  hd_campaign_set_bid_strategy (fixture->campaign, "LOWEST_COST_EVER");
  hd_store_save_campaign_queued (fixture->env.store, fixture->campaign, &error);
  g_assert_no_error (error);
  report = ads_fixture_send (fixture, TEST_NOW);

  g_assert_nonnull (fixture->fake->last_refusal);
  g_assert_nonnull (strstr (fixture->fake->last_refusal, "bid_strategy"));
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_FAILED);
  g_assert_nonnull (strstr (hd_send_report_get_item (report, 0)->sentence,
                            fixture->fake->last_refusal));

  /* Failed with Meta's sentence kept on the row; its children wait, saying why. */
  campaign_row = row_of (fixture, hd_campaign_get_id (fixture->campaign));
  g_assert_cmpint (campaign_row->state, ==, HD_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (campaign_row->last_error, fixture->fake->last_refusal));

  ad_set_row = row_of (fixture, hd_ad_set_get_id (fixture->ad_set));
  g_assert_cmpint (ad_set_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_true (g_str_has_prefix (ad_set_row->last_error,
                                   "Waiting for the campaign, which could not be sent: "));
  g_assert_cmpint (hd_send_report_get_item (report, 1)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpint (hd_send_report_get_item (report, 2)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpstr (hd_send_report_get_item (report, 2)->sentence, ==,
                   "Waiting for the ad set to be sent first.");

  /* The Changes view shows the reason on the row. */
  summary = hd_store_describe_change (fixture->env.store, ad_set_row->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->reason, ==, ad_set_row->last_error);
  g_assert_cmpint (summary->kind, ==, HD_CHANGE_KIND_ADDED);
  g_assert_cmpstr (summary->excerpt, ==, "Ad set “Watford dog owners”");
  g_assert_null (summary->post_id);

  /* Fixed, the campaign goes, and then everything under it. */
  hd_campaign_set_bid_strategy (fixture->campaign, "LOWEST_COST_WITHOUT_CAP");
  hd_store_save_campaign_queued (fixture->env.store, fixture->campaign, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, hd_send_report_unref);
  report = ads_fixture_send (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  g_assert_true (hd_send_report_all_sent (report));
  assert_created_once_each (fixture);
  assert_tree_on_meta (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/ads-sync/" path, AdsFixture, NULL, ads_fixture_set_up, func, \
              ads_fixture_tear_down)

  ADD ("create-tree", test_create_tree);
  ADD ("resume-after-failure", test_resume_after_failure);
  ADD ("lost-answer", test_lost_answer);
  ADD ("process-died", test_process_died);
  ADD ("shared-lock-keeps-rows-in-flight", test_shared_lock_keeps_rows_in_flight);
  ADD ("update-sends-changed-only", test_update_sends_changed_only);
  ADD ("token-expired", test_token_expired);
  ADD ("refused-for-good", test_refused_for_good);

#undef ADD

  return g_test_run ();
}
